using Fennec.Flows.Assembly;
using Fennec.Flows.Export;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Tests.Export;

/// <summary>Hand-built flow records and a pure encode loop (the exporter's, without the socket).</summary>
internal static class TestFlows
{
    /// <summary>2024-05-01T12:00:00Z in nanoseconds since the epoch.</summary>
    public const long T0 = 1_714_564_800L * 1_000_000_000;

    public const long Ms = 1_000_000;

    public static FlowRecord Make(
        string src, string dst, ushort srcPort, ushort dstPort, byte protocol,
        long fwdPackets, long fwdBytes, long revPackets = 0, long revBytes = 0,
        long firstNs = T0, long durationNs = 1000 * Ms)
    {
        var srcIp = IpAddress.Parse(src);
        var record = new FlowRecord
        {
            SrcIp = srcIp,
            DstIp = IpAddress.Parse(dst),
            SrcPort = srcPort,
            DstPort = dstPort,
            Protocol = protocol,
            IpVersion = srcIp.IsIPv4 ? (byte)4 : (byte)6,
            EtherType = srcIp.IsIPv4 ? (ushort)0x0800 : (ushort)0x86DD,
            FirstNs = firstNs,
            LastNs = firstNs + durationNs,
            EndReason = FlowEndReason.Idle,
        };
        // The bytes given are IP bytes (what exporters send as octets); the frames on the wire had an Ethernet header more.
        record.Forward.Packets = fwdPackets;
        record.Forward.IpBytes = fwdBytes;
        record.Forward.Bytes = fwdBytes + (14 * fwdPackets);
        record.Forward.FirstNs = firstNs;
        record.Forward.LastNs = firstNs + (revPackets > 0 ? durationNs - (10 * Ms) : durationNs);
        if (revPackets > 0)
        {
            record.Reverse.Packets = revPackets;
            record.Reverse.IpBytes = revBytes;
            record.Reverse.Bytes = revBytes + (14 * revPackets);
            record.Reverse.FirstNs = firstNs + (5 * Ms);
            record.Reverse.LastNs = firstNs + durationNs;
        }

        if (protocol == IpProtocol.Tcp)
        {
            record.Forward.TcpFlags = TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Fin;
            record.Reverse.TcpFlags = revPackets > 0 ? TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Psh : TcpFlags.None;
        }

        return record;
    }

    /// <summary>A MAC flow (ARP): no IP layer.</summary>
    public static FlowRecord Arp()
    {
        var record = new FlowRecord
        {
            SrcMac = new MacAddress(0x020000000001),
            DstMac = new MacAddress(0xFFFFFFFFFFFF),
            EtherType = 0x0806,
            IsMacFlow = true,
            FirstNs = T0,
            LastNs = T0,
        };
        record.Forward.Packets = 1;
        record.Forward.Bytes = 60;
        return record;
    }

    /// <summary>
    /// A few hundred flows: IPv4 and IPv6; TCP with replies, UDP one way, ICMP echo with replies; distinct keys and
    /// packet/byte counts that identify each side.
    /// </summary>
    public static List<FlowRecord> Mix(int count)
    {
        var flows = new List<FlowRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var v6 = i % 3 == 2;
            var src = v6 ? $"2001:db8::{(i / 250) + 1:x}:{(i % 250) + 1:x}" : $"10.{i / 250}.{i % 250}.1";
            var dst = v6 ? $"2001:db8:ffff::{(i % 7) + 1:x}" : $"192.0.2.{(i % 7) + 1}";
            var first = T0 + (i * 37 * Ms);
            var record = (i % 4) switch
            {
                0 or 1 => Make(src, dst, (ushort)(40000 + i), 443, IpProtocol.Tcp, 10 + i, 1000 + (i * 13), 8 + i, 5000 + (i * 17), first),
                2 => Make(src, dst, (ushort)(30000 + i), 53, IpProtocol.Udp, 1 + (i % 5), 70 + i, 0, 0, first),
                _ => Make(src, dst, 0, v6 ? (ushort)(128 << 8) : (ushort)(8 << 8), v6 ? IpProtocol.Icmpv6 : IpProtocol.Icmp,
                    3 + (i % 4), 98 * (3 + (i % 4)), 3 + (i % 4), 98 * (3 + (i % 4)), first),
            };
            record.Vlan = (ushort)(i % 5 == 0 ? 100 : 0);
            record.Interface = 1;
            record.EndReason = (FlowEndReason)(i % 6);
            flows.Add(record);
        }

        return flows;
    }

    /// <summary>Encodes records the way the exporter does, returning the datagrams.</summary>
    public static List<byte[]> Encode(FlowDatagramEncoder encoder, IEnumerable<FlowRecord> records, long? nowNs = null)
    {
        var datagrams = new List<byte[]>();
        var buffer = new byte[encoder.Options.Mtu];
        long now = 0;
        foreach (var record in records)
        {
            if (encoder.Check(record) != FlowSkipReason.None)
                continue;
            now = nowNs ?? Math.Max(now, record.LastNs);
            Append(encoder, buffer, record, FlowSide.Forward, now, datagrams);
            if (FlowDatagramEncoder.HasSide(record, FlowSide.Reverse))
                Append(encoder, buffer, record, FlowSide.Reverse, now, datagrams);
        }

        if (encoder.IsOpen)
            datagrams.Add(buffer[..encoder.Finish(buffer, now)]);
        return datagrams;
    }

    private static void Append(FlowDatagramEncoder encoder, byte[] buffer, in FlowRecord record, FlowSide side, long now, List<byte[]> datagrams)
    {
        if (!encoder.IsOpen)
            encoder.Begin(buffer, now);
        if (encoder.TryAppend(buffer, record, side) > 0)
            return;
        datagrams.Add(buffer[..encoder.Finish(buffer, now)]);
        encoder.Begin(buffer, now);
        encoder.TryAppend(buffer, record, side).Should().BeGreaterThan(0);
    }
}
