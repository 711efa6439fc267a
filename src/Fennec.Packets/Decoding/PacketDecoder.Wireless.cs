using System.Buffers.Binary;

namespace Fennec.Packets.Decoding;

public static partial class PacketDecoder
{
    private static void DecodeRadiotap(ReadOnlySpan<byte> f, ref DecodedPacket p)
    {
        if (f.Length < 8)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Link, 0);
            return;
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(f[2..]);
        if (length < 8 || f[0] != 0)
        {
            Stop(ref p, DecodeStatus.Malformed, DecodeLayer.Link, 0);
            return;
        }

        if (f.Length < length)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Link, 0);
            return;
        }

        // The Flags field (present bit 1) says whether the frame ends with a 4-byte FCS; it follows TSFT (bit 0).
        var present = BinaryPrimitives.ReadUInt32LittleEndian(f[4..]);
        var fieldsAt = 8;
        for (var word = present; (word & 0x8000_0000u) != 0 && fieldsAt + 4 <= length;)
        {
            word = BinaryPrimitives.ReadUInt32LittleEndian(f[fieldsAt..]);
            fieldsAt += 4;
        }

        var frame = f;
        if ((present & 0x2) != 0)
        {
            var at = fieldsAt;
            if ((present & 0x1) != 0)
                at = ((at + 7) & ~7) + 8;
            if (at < length && (f[at] & 0x10) != 0 && f.Length - length >= 4)
                frame = f[..^4];
        }

        Decode80211(frame, length, ref p);
    }

    private static void Decode80211(ReadOnlySpan<byte> f, int off, ref DecodedPacket p)
    {
        if (f.Length - off < 10)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Link, off);
            return;
        }

        var fc0 = f[off];
        var fc1 = f[off + 1];
        var type = (fc0 >> 2) & 0x3;
        var subtype = fc0 >> 4;
        if (type != 2)
        {
            // Management and control frames carry no network layer; keep the transmitter and receiver.
            p.DstMac = MacAddress.Read(f[(off + 4)..]);
            if (f.Length - off >= 16)
                p.SrcMac = MacAddress.Read(f[(off + 10)..]);
            Rest(f, ref p, off + 10);
            return;
        }

        var toDs = (fc1 & 0x01) != 0;
        var fromDs = (fc1 & 0x02) != 0;
        var headerLength = 24 + (toDs && fromDs ? 6 : 0);
        var qos = (subtype & 0x8) != 0;
        if (qos)
            headerLength += 2 + ((fc1 & 0x80) != 0 ? 4 : 0);
        if (f.Length - off < headerLength)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Link, off);
            return;
        }

        var addr1 = MacAddress.Read(f[(off + 4)..]);
        var addr2 = MacAddress.Read(f[(off + 10)..]);
        var addr3 = MacAddress.Read(f[(off + 16)..]);
        (p.DstMac, p.SrcMac) = (toDs, fromDs) switch
        {
            (false, false) => (addr1, addr2),
            (true, false) => (addr3, addr2),
            (false, true) => (addr1, addr3),
            _ => (addr3, MacAddress.Read(f[(off + 24)..])),
        };

        off += headerLength;
        var protectedFrame = (fc1 & 0x40) != 0;
        var noData = (subtype & 0x4) != 0;
        if (protectedFrame || noData)
        {
            Rest(f, ref p, off);
            return;
        }

        if (f.Length - off >= 8 && f[off] == 0xAA && f[off + 1] == 0xAA && f[off + 2] == 0x03)
        {
            DecodeEtherType(f, off + 8, BinaryPrimitives.ReadUInt16BigEndian(f[(off + 6)..]), ref p, depth: 0);
            return;
        }

        Rest(f, ref p, off);
    }
}
