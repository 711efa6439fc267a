using Fennec.Flows.Assembly;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Tests.Assembly;

/// <summary>Collects emitted records.</summary>
internal sealed class RecordingSink : IFlowSink
{
    public List<FlowRecord> Records { get; } = [];

    public void OnFlow(in FlowRecord record) => Records.Add(record);

    /// <summary>A record's fields as one line, for comparing records (their inline arrays have no equality).</summary>
    public static string Describe(FlowRecord r) =>
        $"{r.SrcIp}:{r.SrcPort}>{r.DstIp}:{r.DstPort}/{r.Protocol} {r.FirstNs}-{r.LastNs} {r.Forward.Packets}/{r.Forward.Bytes} " +
        $"{r.Reverse.Packets}/{r.Reverse.Bytes} {r.Forward.InterArrival.Mean} {r.Reverse.Sizes.StandardDeviation} {r.State} {r.History} {r.EndReason} #{r.Sequence}";
}

/// <summary>Makes decoded packets directly, without bytes.</summary>
internal static class Packet
{
    public const long Second = 1_000_000_000;

    public static DecodedPacket Tcp(string src, ushort srcPort, string dst, ushort dstPort, TcpFlags flags, long ts,
        int payload = 0, uint seq = 0, ushort window = 1000, int wire = 0)
    {
        var p = Ip(src, dst, IpProtocol.Tcp, ts, wire == 0 ? 54 + payload : wire);
        p.SrcPort = srcPort;
        p.DstPort = dstPort;
        p.HasPorts = true;
        p.TcpFlags = flags;
        p.TcpSeq = seq;
        p.TcpWindow = window;
        p.PayloadLength = payload;
        return p;
    }

    public static DecodedPacket Udp(string src, ushort srcPort, string dst, ushort dstPort, long ts, int payload = 10)
    {
        var p = Ip(src, dst, IpProtocol.Udp, ts, 42 + payload);
        p.SrcPort = srcPort;
        p.DstPort = dstPort;
        p.HasPorts = true;
        p.PayloadLength = payload;
        return p;
    }

    public static DecodedPacket Icmp(string src, string dst, byte type, byte code, long ts)
    {
        var p = Ip(src, dst, IpProtocol.Icmp, ts, 98);
        p.IcmpType = type;
        p.IcmpCode = code;
        p.HasIcmp = true;
        return p;
    }

    public static DecodedPacket Ip(string src, string dst, byte protocol, long ts, int wire)
    {
        var p = default(DecodedPacket);
        p.TimestampNs = ts;
        p.WireLength = wire;
        p.CapturedLength = wire;
        var s = IpAddress.Parse(src);
        p.IpVersion = s.IsIPv4 ? (byte)4 : (byte)6;
        p.EtherType = s.IsIPv4 ? EtherTypes.IPv4 : EtherTypes.IPv6;
        p.SrcIp = s;
        p.DstIp = IpAddress.Parse(dst);
        p.Protocol = protocol;
        return p;
    }
}
