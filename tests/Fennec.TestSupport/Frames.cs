using System.Buffers.Binary;

namespace Fennec.TestSupport;

/// <summary>Builds frames byte by byte for hand-made test vectors (checksums are left zero).</summary>
public static class Frames
{
    public static readonly byte[] MacA = [0x02, 0x00, 0x00, 0x00, 0x00, 0x01];
    public static readonly byte[] MacB = [0x02, 0x00, 0x00, 0x00, 0x00, 0x02];

    public static byte[] Ethernet(ushort etherType, byte[] payload, byte[]? src = null, byte[]? dst = null)
    {
        var frame = new byte[14 + payload.Length];
        (dst ?? MacB).CopyTo(frame, 0);
        (src ?? MacA).CopyTo(frame, 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), etherType);
        payload.CopyTo(frame, 14);
        return frame;
    }

    /// <summary>A VLAN tag (TPID given by <paramref name="tpid"/>) followed by the inner ethertype and payload.</summary>
    public static byte[] VlanTag(ushort vid, ushort innerType, byte[] payload)
    {
        var tag = new byte[4 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(tag, vid);
        BinaryPrimitives.WriteUInt16BigEndian(tag.AsSpan(2), innerType);
        payload.CopyTo(tag, 4);
        return tag;
    }

    public static byte[] IPv4(string src, string dst, byte protocol, byte[] payload, byte ttl = 64, ushort fragment = 0, ushort id = 1, byte[]? options = null)
    {
        var optionLength = options?.Length ?? 0;
        var headerLength = 20 + optionLength;
        var packet = new byte[headerLength + payload.Length];
        packet[0] = (byte)(0x40 | (headerLength / 4));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), fragment);
        packet[8] = ttl;
        packet[9] = protocol;
        System.Net.IPAddress.Parse(src).GetAddressBytes().CopyTo(packet, 12);
        System.Net.IPAddress.Parse(dst).GetAddressBytes().CopyTo(packet, 16);
        options?.CopyTo(packet, 20);
        payload.CopyTo(packet, headerLength);
        return packet;
    }

    public static byte[] IPv6(string src, string dst, byte nextHeader, byte[] payload, byte hopLimit = 64)
    {
        var packet = new byte[40 + payload.Length];
        packet[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)payload.Length);
        packet[6] = nextHeader;
        packet[7] = hopLimit;
        System.Net.IPAddress.Parse(src).GetAddressBytes().CopyTo(packet, 8);
        System.Net.IPAddress.Parse(dst).GetAddressBytes().CopyTo(packet, 24);
        payload.CopyTo(packet, 40);
        return packet;
    }

    /// <summary>An IPv6 extension header of <paramref name="length"/> bytes (a multiple of 8).</summary>
    public static byte[] IPv6Extension(byte nextHeader, int length, byte[] payload)
    {
        var header = new byte[length + payload.Length];
        header[0] = nextHeader;
        header[1] = (byte)((length / 8) - 1);
        payload.CopyTo(header, length);
        return header;
    }

    public static byte[] IPv6Fragment(byte nextHeader, int offset, bool more, uint id, byte[] payload)
    {
        var header = new byte[8 + payload.Length];
        header[0] = nextHeader;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(offset | (more ? 1 : 0)));
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), id);
        payload.CopyTo(header, 8);
        return header;
    }

    public static byte[] Tcp(ushort src, ushort dst, byte flags, byte[]? payload = null, uint seq = 1000, uint ack = 0, ushort window = 65535, int optionBytes = 0)
    {
        payload ??= [];
        var headerLength = 20 + optionBytes;
        var segment = new byte[headerLength + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(segment, src);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), dst);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(4), seq);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(8), ack);
        segment[12] = (byte)((headerLength / 4) << 4);
        segment[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(14), window);
        for (var i = 20; i < headerLength; i++)
            segment[i] = 1; // NOP options
        payload.CopyTo(segment, headerLength);
        return segment;
    }

    public static byte[] Udp(ushort src, ushort dst, byte[]? payload = null)
    {
        payload ??= [];
        var datagram = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(datagram, src);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), dst);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(4), (ushort)datagram.Length);
        payload.CopyTo(datagram, 8);
        return datagram;
    }

    public static byte[] Icmp(byte type, byte code, byte[]? body = null)
    {
        body ??= new byte[4];
        var message = new byte[4 + body.Length];
        message[0] = type;
        message[1] = code;
        body.CopyTo(message, 4);
        return message;
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
