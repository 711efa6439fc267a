using System.Buffers.Binary;

namespace Fennec.Packets.Decoding;

public static partial class PacketDecoder
{
    /// <summary>
    /// Decodes the transport header at <paramref name="off"/>. <paramref name="f"/> ends where the IP packet ends
    /// (or where the capture does); <paramref name="declared"/> is the payload length the IP header declares.
    /// </summary>
    private static void DecodeTransport(ReadOnlySpan<byte> f, int off, byte protocol, int declared, ref DecodedPacket p, int depth)
    {
        switch (protocol)
        {
            case IpProtocol.Tcp:
                DecodeTcp(f, off, declared, ref p);
                break;
            case IpProtocol.Udp:
                DecodeUdp(f, off, declared, ref p, depth);
                break;
            case IpProtocol.Sctp:
                if (f.Length - off < 12)
                {
                    Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Sctp, off);
                    return;
                }

                ReadPorts(f, off, ref p);
                SetPayload(ref p, off + 12, declared - 12);
                break;
            case IpProtocol.Icmp:
                DecodeIcmp(f, off, declared, ref p, DecodeLayer.Icmp);
                break;
            case IpProtocol.Icmpv6:
                DecodeIcmp(f, off, declared, ref p, DecodeLayer.Icmpv6);
                break;
            case IpProtocol.IPv4InIp:
                EnterTunnel(f, off, ref p, depth, static (f, o, ref p, d) => DecodeIPv4(f, o, ref p, d));
                break;
            case IpProtocol.IPv6InIp:
                EnterTunnel(f, off, ref p, depth, static (f, o, ref p, d) => DecodeIPv6(f, o, ref p, d));
                break;
            case IpProtocol.Gre:
                DecodeGre(f, off, ref p, depth);
                break;
            case IpProtocol.Pim:
                DecodePimRegister(f, off, declared, ref p, depth);
                break;
            default:
                SetPayload(ref p, off, declared);
                break;
        }
    }

    private static void SetPayload(ref DecodedPacket p, int offset, int length)
    {
        p.PayloadOffset = offset;
        p.PayloadLength = Math.Max(0, length);
    }

    private static void DecodeTcp(ReadOnlySpan<byte> f, int off, int declared, ref DecodedPacket p)
    {
        if (f.Length - off < 20)
        {
            // A short first fragment or snapshot still names the ports (and maybe the flags): keep what is there.
            ReadPartialPorts(f, off, ref p);
            if (f.Length - off >= 14)
                p.TcpFlags = (TcpFlags)(f[off + 13] | ((f[off + 12] & 1) << 8));
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Tcp, off);
            return;
        }

        var t = f[off..];
        ReadPorts(f, off, ref p);
        p.TcpSeq = BinaryPrimitives.ReadUInt32BigEndian(t[4..]);
        p.TcpAck = BinaryPrimitives.ReadUInt32BigEndian(t[8..]);
        p.TcpFlags = (TcpFlags)(t[13] | ((t[12] & 1) << 8));
        p.TcpWindow = BinaryPrimitives.ReadUInt16BigEndian(t[14..]);
        var headerLength = (t[12] >> 4) * 4;
        if (headerLength < 20 || headerLength > declared)
        {
            Stop(ref p, DecodeStatus.Malformed, DecodeLayer.Tcp, off);
            return;
        }

        if (t.Length < headerLength)
        {
            // Options cut by the snapshot length: the fixed header above is still good.
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Tcp, off);
            return;
        }

        SetPayload(ref p, off + headerLength, declared - headerLength);
    }

    private static void DecodeUdp(ReadOnlySpan<byte> f, int off, int declared, ref DecodedPacket p, int depth)
    {
        if (f.Length - off < 8)
        {
            ReadPartialPorts(f, off, ref p);
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Udp, off);
            return;
        }

        ReadPorts(f, off, ref p);
        SetPayload(ref p, off + 8, declared - 8);
        if (!p.IsFragment)
            DecodeUdpTunnel(f, off + 8, ref p, depth);
    }

    private static void ReadPartialPorts(ReadOnlySpan<byte> f, int off, ref DecodedPacket p)
    {
        if (f.Length - off >= 4)
            ReadPorts(f, off, ref p);
    }

    private static void ReadPorts(ReadOnlySpan<byte> f, int off, ref DecodedPacket p)
    {
        p.SrcPort = BinaryPrimitives.ReadUInt16BigEndian(f[off..]);
        p.DstPort = BinaryPrimitives.ReadUInt16BigEndian(f[(off + 2)..]);
        p.HasPorts = true;
    }

    private static void DecodeIcmp(ReadOnlySpan<byte> f, int off, int declared, ref DecodedPacket p, DecodeLayer layer)
    {
        if (f.Length - off < 4)
        {
            Stop(ref p, DecodeStatus.Truncated, layer, off);
            return;
        }

        p.IcmpType = f[off];
        p.IcmpCode = f[off + 1];
        p.HasIcmp = true;
        SetPayload(ref p, off + 4, declared - 4);
        var isError = layer == DecodeLayer.Icmp
            ? p.IcmpType is 3 or 4 or 5 or 11 or 12
            : p.IcmpType is >= 1 and <= 4;
        if (isError)
            DecodeQuoted(f, off + 8, ref p);
    }

    /// <summary>
    /// Reads the invoking packet that an ICMP error quotes, as far as it was quoted. A short quote is normal (RFC 792
    /// asks only for the IP header and 8 bytes), so it never changes the packet's status.
    /// </summary>
    private static void DecodeQuoted(ReadOnlySpan<byte> f, int off, ref DecodedPacket p)
    {
        if (f.Length - off < 1)
            return;
        int transport;
        var version = f[off] >> 4;
        if (version == 4 && f.Length - off >= 20)
        {
            var headerLength = (f[off] & 0xF) * 4;
            if (headerLength < 20)
                return;
            p.QuotedProtocol = f[off + 9];
            p.QuotedSrcIp = IpAddress.FromIPv4(f[(off + 12)..]);
            p.QuotedDstIp = IpAddress.FromIPv4(f[(off + 16)..]);
            transport = off + headerLength;
        }
        else if (version == 6 && f.Length - off >= 40)
        {
            p.QuotedProtocol = f[off + 6];
            p.QuotedSrcIp = IpAddress.FromIPv6(f[(off + 8)..]);
            p.QuotedDstIp = IpAddress.FromIPv6(f[(off + 24)..]);
            transport = off + 40;
        }
        else
        {
            return;
        }

        if (p.QuotedProtocol is IpProtocol.Tcp or IpProtocol.Udp or IpProtocol.Sctp && f.Length - transport >= 4)
        {
            p.QuotedSrcPort = BinaryPrimitives.ReadUInt16BigEndian(f[transport..]);
            p.QuotedDstPort = BinaryPrimitives.ReadUInt16BigEndian(f[(transport + 2)..]);
        }
    }
}
