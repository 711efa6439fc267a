using System.Net;
using System.Net.Sockets;

namespace Fennec.TestSupport;

/// <summary>Ports on 127.0.0.1 that the system reports free, for tests that start a listener (ours or a peer tool's).</summary>
public static class FreePorts
{
    /// <summary>A UDP port nothing is bound to at the moment of asking (another process may still take it).</summary>
    public static int Udp()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
