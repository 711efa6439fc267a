using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;

namespace Fennec.Features.Kitsune;

/// <summary>
/// Builds Kitsune's packet fields from Fennec's decoder, following the reference's tshark path: tshark keeps the
/// first occurrence of each field, so an ICMP error gives the outer addresses with the ports of the packet it
/// quotes. Tunnelled packets differ: the decoder keeps the innermost addresses, where tshark would mix the outer
/// IPv4 addresses with the inner ports.
/// </summary>
public static class PacketFieldExtractor
{
    /// <summary>Fills <paramref name="fields"/> from a decoded packet.</summary>
    public static void Extract(in DecodedPacket packet, PacketFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        fields.Timestamp = EpochSeconds.FromNanoseconds(packet.TimestampNs);
        fields.FrameLength = packet.WireLength;

        // eth.src and eth.dst exist only when the frame starts with an Ethernet header.
        if (packet.LinkType == LinkType.Ethernet && packet.CapturedLength >= 14)
        {
            WriteMac(packet.SrcMac, fields.SrcMac);
            WriteMac(packet.DstMac, fields.DstMac);
        }

        if (packet.IpVersion is 4 or 6)
        {
            WriteIp(packet.SrcIp, fields.SrcIp);
            WriteIp(packet.DstIp, fields.DstIp);
        }

        if (packet.HasPorts && packet.Protocol is IpProtocol.Tcp or IpProtocol.Udp)
        {
            WritePort(packet.SrcPort, fields.SrcProto);
            WritePort(packet.DstPort, fields.DstProto);
        }
        else if (packet.HasIcmp && packet.QuotedProtocol is IpProtocol.Tcp or IpProtocol.Udp
                 && (packet.QuotedSrcPort != 0 || packet.QuotedDstPort != 0))
        {
            WritePort(packet.QuotedSrcPort, fields.SrcProto);
            WritePort(packet.QuotedDstPort, fields.DstProto);
        }

        var isArp = packet.IpVersion == 0 && packet.EtherType == EtherTypes.Arp;
        Span<char> sender = stackalloc char[16];
        Span<char> target = stackalloc char[16];
        int senderLength = 0, targetLength = 0;
        if (isArp && packet.SrcIp.IsIPv4)
        {
            packet.SrcIp.TryFormat(sender, out senderLength);
            packet.DstIp.TryFormat(target, out targetLength);
        }

        var isIcmpV4 = packet.HasIcmp && packet.IpVersion == 4 && packet.Protocol == IpProtocol.Icmp;
        fields.ApplyFallbacks(isArp, sender[..senderLength], target[..targetLength], isIcmpV4);
    }

    private static void WriteMac(MacAddress mac, TextField field)
    {
        mac.TryFormat(field.Buffer, out var written);
        field.SetLength(written);
    }

    private static void WriteIp(IpAddress ip, TextField field)
    {
        ip.TryFormat(field.Buffer, out var written);
        field.SetLength(written);
    }

    private static void WritePort(ushort port, TextField field)
    {
        port.TryFormat(field.Buffer, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        field.SetLength(written);
    }
}
