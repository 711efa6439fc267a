using System.Buffers.Binary;

namespace Fennec.Packets.Decoding;

public static partial class PacketDecoder
{
    private delegate void InnerDecoder(ReadOnlySpan<byte> f, int off, ref DecodedPacket p, int depth);

    /// <summary>Decodes an encapsulated packet one level deeper, refusing to nest past <see cref="MaxTunnelDepth"/>.</summary>
    private static void EnterTunnel(ReadOnlySpan<byte> f, int off, ref DecodedPacket p, int depth, InnerDecoder inner)
    {
        if (depth + 1 > MaxTunnelDepth)
        {
            Stop(ref p, DecodeStatus.Malformed, DecodeLayer.Tunnel, off);
            return;
        }

        inner(f, off, ref p, depth + 1);
    }

    private static void DecodeGre(ReadOnlySpan<byte> f, int off, ref DecodedPacket p, int depth)
    {
        if (f.Length - off < 4)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Gre, off);
            return;
        }

        var flags = BinaryPrimitives.ReadUInt16BigEndian(f[off..]);
        var protocol = BinaryPrimitives.ReadUInt16BigEndian(f[(off + 2)..]);
        var version = flags & 0x7;
        var checksum = (flags & 0x8000) != 0;
        var routing = (flags & 0x4000) != 0;
        var key = (flags & 0x2000) != 0;
        var sequence = (flags & 0x1000) != 0;
        int length;
        if (version == 0)
        {
            length = 4 + (checksum || routing ? 4 : 0) + (key ? 4 : 0) + (sequence ? 4 : 0);
        }
        else if (version == 1)
        {
            // Enhanced GRE of PPTP (RFC 2637): key always present, optional sequence and acknowledgment numbers.
            length = 8 + (sequence ? 4 : 0) + ((flags & 0x0080) != 0 ? 4 : 0);
        }
        else
        {
            Stop(ref p, DecodeStatus.Malformed, DecodeLayer.Gre, off);
            return;
        }

        if (routing)
        {
            // Source routing entries (RFC 1701) are obsolete; the payload is left undecoded.
            SetPayload(ref p, off + length, f.Length - off - length);
            return;
        }

        if (f.Length - off < length)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Gre, off);
            return;
        }

        off += length;
        if (depth + 1 > MaxTunnelDepth)
        {
            Stop(ref p, DecodeStatus.Malformed, DecodeLayer.Tunnel, off);
            return;
        }

        switch (protocol)
        {
            case EtherTypes.Ppp:
                DecodePpp(f, off, ref p, depth + 1);
                break;
            case EtherTypes.ErspanII:
                // ERSPAN type II: an 8-byte header, present when the sequence bit is set, then the mirrored frame.
                if (!sequence)
                {
                    SetPayload(ref p, off, f.Length - off);
                    return;
                }

                DecodeEthernet(f, off + 8, ref p, depth + 1);
                break;
            default:
                DecodeEtherType(f, off, protocol, ref p, depth + 1);
                break;
        }
    }
}
