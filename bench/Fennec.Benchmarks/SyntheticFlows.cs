using Fennec.Flows.Assembly;
using Fennec.Packets.Decoding;

namespace Fennec.Benchmarks;

/// <summary>Bidirectional TCP and UDP flow records with distinct keys, for export and collection benchmarks.</summary>
internal static class SyntheticFlows
{
    /// <summary><paramref name="count"/> flows; with <paramref name="mixed"/>, one in four is IPv6.</summary>
    public static FlowRecord[] Make(int count, bool mixed)
    {
        var flows = new FlowRecord[count];
        var t0 = 1_714_564_800L * 1_000_000_000;
        for (var i = 0; i < count; i++)
        {
            var ipv6 = mixed && i % 4 == 3;
            ref var f = ref flows[i];
            f.SrcIp = ipv6 ? new IpAddress(0x2001_0db8_0000_0000UL, (ulong)i) : IpAddress.FromIPv4(0x0A00_0000u + (uint)i);
            f.DstIp = ipv6 ? new IpAddress(0x2001_0db8_ffff_0000UL, 1) : IpAddress.FromIPv4(0xC000_0201u);
            f.IpVersion = ipv6 ? (byte)6 : (byte)4;
            f.Protocol = i % 3 == 0 ? IpProtocol.Udp : IpProtocol.Tcp;
            f.SrcPort = (ushort)(1024 + i);
            f.DstPort = 443;
            f.FirstNs = t0 + (i * 1_000_000L);
            f.LastNs = f.FirstNs + 500_000_000;
            f.Forward = new FlowDirection { Packets = 10 + i, Bytes = 1500 * (10 + i), IpBytes = 1486 * (10 + i), FirstNs = f.FirstNs, LastNs = f.LastNs - 1_000_000, TcpFlags = TcpFlags.Syn | TcpFlags.Ack };
            f.Reverse = new FlowDirection { Packets = 8 + i, Bytes = 900 * (8 + i), IpBytes = 886 * (8 + i), FirstNs = f.FirstNs + 1_000_000, LastNs = f.LastNs, TcpFlags = TcpFlags.Syn | TcpFlags.Ack };
        }

        return flows;
    }
}
