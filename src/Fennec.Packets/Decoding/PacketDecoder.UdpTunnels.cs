using System.Buffers.Binary;

namespace Fennec.Packets.Decoding;

public static partial class PacketDecoder
{
    private const ushort VxlanPort = 4789, GenevePort = 6081, GtpUserPort = 2152, MplsOverUdpPort = 6635;

    /// <summary>
    /// Follows the UDP encapsulations named by their registered destination port (VXLAN, Geneve, GTP-U, MPLS over
    /// UDP), each only when its header is well-formed, so ordinary traffic on those ports is left alone. Either port
    /// may name the tunnel: replies and some encapsulators put the registered port on the source side.
    /// </summary>
    private static void DecodeUdpTunnel(ReadOnlySpan<byte> f, int off, ref DecodedPacket p, int depth)
    {
        var remaining = f.Length - off;
        var port = IsTunnelPort(p.DstPort) ? p.DstPort : p.SrcPort;
        switch (port)
        {
            case VxlanPort when remaining >= 8 && (f[off] & 0x08) != 0:
                EnterTunnel(f, off + 8, ref p, depth, static (f, o, ref p, d) => DecodeEthernet(f, o, ref p, d));
                break;
            case GenevePort when remaining >= 8 && f[off] >> 6 == 0:
                DecodeGeneve(f, off, ref p, depth);
                break;
            case GtpUserPort when remaining >= 8:
                DecodeGtpUser(f, off, ref p, depth);
                break;
            case MplsOverUdpPort when remaining >= 4:
                if (depth + 1 > MaxTunnelDepth)
                {
                    Stop(ref p, DecodeStatus.Malformed, DecodeLayer.Tunnel, off);
                    return;
                }

                DecodeMpls(f, off, ref p, depth + 1);
                break;
        }
    }

    private static bool IsTunnelPort(ushort port) => port is VxlanPort or GenevePort or GtpUserPort or MplsOverUdpPort;

    /// <summary>Geneve (RFC 8926): 8 bytes, options, then a frame of the given protocol type.</summary>
    private static void DecodeGeneve(ReadOnlySpan<byte> f, int off, ref DecodedPacket p, int depth)
    {
        var length = 8 + ((f[off] & 0x3F) * 4);
        if (f.Length - off < length)
            return;
        var protocol = BinaryPrimitives.ReadUInt16BigEndian(f[(off + 2)..]);
        if (depth + 1 > MaxTunnelDepth)
        {
            Stop(ref p, DecodeStatus.Malformed, DecodeLayer.Tunnel, off);
            return;
        }

        if (protocol is EtherTypes.TransparentEthernet or EtherTypes.IPv4 or EtherTypes.IPv6)
            DecodeEtherType(f, off + length, protocol, ref p, depth + 1);
    }

    /// <summary>GTP-U version 1 (3GPP TS 29.281): a G-PDU carries a user IP packet after its header and extensions.</summary>
    private static void DecodeGtpUser(ReadOnlySpan<byte> f, int off, ref DecodedPacket p, int depth)
    {
        const byte GPdu = 0xFF;
        var flags = f[off];
        if (flags >> 5 != 1 || (flags & 0x10) == 0 || f[off + 1] != GPdu)
            return;
        var at = off + 8;
        if ((flags & 0x07) != 0)
        {
            if (f.Length - at < 4)
                return;
            var next = f[at + 3];
            at += 4;
            while ((flags & 0x04) != 0 && next != 0)
            {
                if (f.Length - at < 1 || f[at] == 0)
                    return;
                var length = f[at] * 4;
                if (f.Length - at < length)
                    return;
                next = f[at + length - 1];
                at += length;
            }
        }

        if (f.Length - at < 1 || f[at] >> 4 is not (4 or 6))
            return;
        EnterTunnel(f, at, ref p, depth, static (f, o, ref p, d) => DecodeRawIp(f, o, ref p, d, DecodeLayer.Tunnel));
    }

    /// <summary>PIM version 2 Register messages carry the multicast data packet after an 8-byte header.</summary>
    private static void DecodePimRegister(ReadOnlySpan<byte> f, int off, int declared, ref DecodedPacket p, int depth)
    {
        const byte Version2Register = 0x21;
        SetPayload(ref p, off, declared);
        if (f.Length - off < 9 || f[off] != Version2Register || f[off + 8] >> 4 is not (4 or 6))
            return;
        EnterTunnel(f, off + 8, ref p, depth, static (f, o, ref p, d) => DecodeRawIp(f, o, ref p, d, DecodeLayer.Tunnel));
    }
}
