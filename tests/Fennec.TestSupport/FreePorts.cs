using System.Net;
using System.Net.Sockets;

namespace Fennec.TestSupport;

/// <summary>Ports of 127.0.0.1 that the system reports free at the time of asking.</summary>
public static class FreePorts
{
    /// <summary>A UDP port nothing is bound to (it may be taken again by the time it is used; tests bind it at once).</summary>
    public static int Udp()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
