using System.Diagnostics;
using System.Globalization;
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

    /// <summary>
    /// Waits until some socket of this machine is bound to the UDP port (Linux: read from /proc/net/udp and udp6,
    /// without touching the port), so a test starts its exporter only once the collector listens.
    /// </summary>
    public static void WaitUntilUdpBound(int port, TimeSpan timeout)
    {
        // Local addresses are listed as HEXADDR:HEXPORT in the second column.
        var suffix = string.Create(CultureInfo.InvariantCulture, $":{port:X4}");
        var clock = Stopwatch.StartNew();
        while (!new[] { "/proc/net/udp", "/proc/net/udp6" }.Where(File.Exists).SelectMany(File.ReadLines).Skip(1)
                   .Any(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var local, ..] && local.EndsWith(suffix, StringComparison.Ordinal)))
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"nothing bound UDP port {port} within {timeout.TotalSeconds} s");
            Thread.Sleep(20);
        }
    }
}
