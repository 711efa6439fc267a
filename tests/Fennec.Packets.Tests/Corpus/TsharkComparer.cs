using System.Globalization;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;

namespace Fennec.Packets.Tests.Corpus;

/// <summary>
/// Compares one decoded packet with tshark's fields for the same frame. Fennec reports the innermost IP header of a
/// tunnelled packet and keeps an ICMP error's quoted header apart, so it is matched against the last address tshark
/// lists for the same IP version (the one before last when the packet quotes a header of that version).
/// </summary>
internal static class TsharkComparer
{
    private const int Time = 0, CapLen = 1, Len = 2, EthSrc = 3, EthDst = 4, IpSrc = 5, IpDst = 6, Ip6Src = 7, Ip6Dst = 8,
        IpProto = 9, TcpSrc = 10, TcpDst = 11, UdpSrc = 12, UdpDst = 13, SctpSrc = 14, SctpDst = 15, TcpFlagsField = 16,
        IcmpType = 17, IcmpCode = 18, Icmp6Type = 19, Icmp6Code = 20;

    public static void Compare(in DecodedPacket p, string[] row, Action<string, string> difference)
    {
        string Field(int i) => i < row.Length ? row[i] : "";
        string[] List(int i) => Field(i).Length == 0 ? [] : Field(i).Split(',');

        var ts = ParseTime(Field(Time));
        if (ts != p.TimestampNs)
            difference("ts", $"tshark {Field(Time)}, fennec {p.TimestampNs}");
        if (Field(CapLen) != p.CapturedLength.ToString(CultureInfo.InvariantCulture))
            difference("caplen", $"tshark {Field(CapLen)}, fennec {p.CapturedLength}");
        if (Field(Len) != p.WireLength.ToString(CultureInfo.InvariantCulture))
            difference("wirelen", $"tshark {Field(Len)}, fennec {p.WireLength}");

        if (p.LinkType == LinkType.Ethernet)
        {
            CompareFirst(List(EthSrc), p.SrcMac.ToString(), "eth.src", difference);
            CompareFirst(List(EthDst), p.DstMac.ToString(), "eth.dst", difference);
        }

        CompareAddresses(p, List(IpSrc), List(IpDst), List(Ip6Src), List(Ip6Dst), List(IpProto), difference);
        ComparePorts(p, List(TcpSrc), List(TcpDst), List(UdpSrc), List(UdpDst), List(SctpSrc), List(SctpDst), List(TcpFlagsField), difference);

        if (p.HasIcmp)
        {
            var (types, codes) = p.IpVersion == 4 ? (List(IcmpType), List(IcmpCode)) : (List(Icmp6Type), List(Icmp6Code));
            CompareFirst(types, p.IcmpType.ToString(CultureInfo.InvariantCulture), "icmp.type", difference);
            CompareFirst(codes, p.IcmpCode.ToString(CultureInfo.InvariantCulture), "icmp.code", difference);
        }
    }

    private static void CompareAddresses(in DecodedPacket p, string[] v4Src, string[] v4Dst, string[] v6Src, string[] v6Dst,
        string[] protocols, Action<string, string> difference)
    {
        if (p.IpVersion == 0)
        {
            if ((v4Src.Length > 0 || v6Src.Length > 0) && p.EtherType != EtherTypes.Arp)
                difference("ip.presence", $"tshark decodes IP, fennec stops with {StatusText.Of(p)} (ethertype 0x{p.EtherType:x4})");
            return;
        }

        var (src, dst) = p.IpVersion == 4 ? (v4Src, v4Dst) : (v6Src, v6Dst);
        var quoted = p.HasIcmp && p.QuotedSrcIp != IpAddress.None && p.QuotedSrcIp.IsIPv4 == (p.IpVersion == 4);
        var index = src.Length - 1 - (quoted && src.Length >= 2 ? 1 : 0);
        if (index < 0)
        {
            difference("ip.presence", $"fennec decodes IPv{p.IpVersion} {p.SrcIp} -> {p.DstIp}, tshark does not");
            return;
        }

        if (src[index] != p.SrcIp.ToString() || (index < dst.Length && dst[index] != p.DstIp.ToString()))
        {
            difference("ip.addr", $"tshark [{string.Join(' ', src)}] -> [{string.Join(' ', dst)}], fennec {p.SrcIp} -> {p.DstIp} (tunnel depth {p.TunnelDepth})");
        }
        else if (p.IpVersion == 4 && index < protocols.Length && protocols[index] != p.Protocol.ToString(CultureInfo.InvariantCulture))
        {
            difference("ip.proto", $"tshark {protocols[index]}, fennec {p.Protocol}");
        }

        if (quoted && src.Length >= 2 && src[^1] != p.QuotedSrcIp.ToString())
            difference("icmp.quoted", $"tshark {src[^1]}, fennec {p.QuotedSrcIp}");
    }

    private static void ComparePorts(in DecodedPacket p, string[] tcpSrc, string[] tcpDst, string[] udpSrc, string[] udpDst,
        string[] sctpSrc, string[] sctpDst, string[] tcpFlags, Action<string, string> difference)
    {
        (string[] Src, string[] Dst) For(byte protocol) => protocol switch
        {
            IpProtocol.Tcp => (tcpSrc, tcpDst),
            IpProtocol.Udp => (udpSrc, udpDst),
            _ => (sctpSrc, sctpDst),
        };

        if (p.HasPorts)
        {
            var (src, dst) = For(p.Protocol);
            if (src.Length == 0)
            {
                difference("ports.presence", $"fennec decodes {p.Protocol} ports {p.SrcPort} -> {p.DstPort}, tshark does not");
                return;
            }

            if (src[^1] != p.SrcPort.ToString(CultureInfo.InvariantCulture) || dst[^1] != p.DstPort.ToString(CultureInfo.InvariantCulture))
                difference("ports", $"tshark [{string.Join(' ', src)}] -> [{string.Join(' ', dst)}], fennec {p.SrcPort} -> {p.DstPort}");
            if (p.Protocol == IpProtocol.Tcp && tcpFlags.Length > 0)
            {
                var flags = Convert.ToInt32(tcpFlags[^1], 16) & 0x1FF;
                if (flags != (int)p.TcpFlags)
                    difference("tcp.flags", $"tshark 0x{flags:x3}, fennec 0x{(int)p.TcpFlags:x3}");
            }

            return;
        }

        if (p.HasIcmp && p.QuotedProtocol is IpProtocol.Tcp or IpProtocol.Udp or IpProtocol.Sctp && (p.QuotedSrcPort | p.QuotedDstPort) != 0)
        {
            var (src, dst) = For(p.QuotedProtocol);
            if (src.Length > 0 && (src[^1] != p.QuotedSrcPort.ToString(CultureInfo.InvariantCulture) || dst[^1] != p.QuotedDstPort.ToString(CultureInfo.InvariantCulture)))
                difference("icmp.quoted", $"tshark ports [{string.Join(' ', src)}] -> [{string.Join(' ', dst)}], fennec {p.QuotedSrcPort} -> {p.QuotedDstPort}");
            return;
        }

        if (p.IpVersion != 0 && !p.HasIcmp && (tcpSrc.Length > 0 || udpSrc.Length > 0 || sctpSrc.Length > 0))
        {
            var which = tcpSrc.Length > 0 ? "tcp" : udpSrc.Length > 0 ? "udp" : "sctp";
            difference("ports.presence", $"tshark decodes {which} ports, fennec stops with {StatusText.Of(p)} (protocol {p.Protocol}, fragment offset {p.FragmentOffset})");
        }
    }

    private static void CompareFirst(string[] values, string ours, string field, Action<string, string> difference)
    {
        if (values.Length > 0 && values[0] != ours)
            difference(field, $"tshark {values[0]}, fennec {ours}");
    }

    private static long ParseTime(string text)
    {
        if (text.Length == 0)
            return long.MinValue;
        var dot = text.IndexOf('.');
        var seconds = long.Parse(dot < 0 ? text : text[..dot], CultureInfo.InvariantCulture);
        var fraction = dot < 0 ? "0" : text[(dot + 1)..].PadRight(9, '0')[..9];
        var nanos = long.Parse(fraction, CultureInfo.InvariantCulture);
        return text.StartsWith('-') ? (seconds * 1_000_000_000) - nanos : (seconds * 1_000_000_000) + nanos;
    }
}
