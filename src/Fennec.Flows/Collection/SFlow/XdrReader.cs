using System.Buffers.Binary;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Collection.SFlow;

/// <summary>
/// Reads XDR (RFC 4506) as sFlow encodes it: big-endian 32-bit words, opaque data padded to four bytes. Every read
/// checks the bytes left first and reports a shortage as false, so a lying length can never read past the span.
/// </summary>
internal ref struct XdrReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _offset;

    public XdrReader(ReadOnlySpan<byte> data) => _data = data;

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _data.Length - _offset;

    public bool TryReadUInt32(out uint value)
    {
        if (Remaining < 4)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(_data[_offset..]);
        _offset += 4;
        return true;
    }

    /// <summary>Reads <paramref name="count"/> bytes as they stand (fixed-length fields whose size is a multiple of four).</summary>
    public bool TryReadBytes(int count, out ReadOnlySpan<byte> bytes)
    {
        if (count < 0 || count > Remaining)
        {
            bytes = default;
            return false;
        }

        bytes = _data.Slice(_offset, count);
        _offset += count;
        return true;
    }

    /// <summary>Reads a length-prefixed opaque and its padding.</summary>
    /// <remarks>
    /// Padding missing at the very end of the span is tolerated: some agents end a datagram on a sample whose declared
    /// length is not a multiple of four, and nothing can follow it anyway.
    /// </remarks>
    public bool TryReadOpaque(out ReadOnlySpan<byte> bytes)
    {
        if (!TryReadUInt32(out var length) || length > (uint)Remaining)
        {
            bytes = default;
            return false;
        }

        bytes = _data.Slice(_offset, (int)length);
        _offset += (int)length;
        _offset += Math.Min(Padding((int)length), Remaining);
        return true;
    }

    /// <summary>Reads a fixed-length opaque of <paramref name="count"/> bytes and its padding (a MAC address, say).</summary>
    public bool TryReadFixedOpaque(int count, out ReadOnlySpan<byte> bytes)
    {
        var padded = count + Padding(count);
        if (padded > Remaining)
        {
            bytes = default;
            return false;
        }

        bytes = _data.Slice(_offset, count);
        _offset += padded;
        return true;
    }

    /// <summary>
    /// Reads an sFlow address: a type word (0 unknown, 1 IPv4, 2 IPv6) and the address. False when the span ends first
    /// or, with <paramref name="unknownType"/> set, when the type is another (its length, and so the rest, is unknowable).
    /// </summary>
    public bool TryReadAddress(out IpAddress address, out bool unknownType)
    {
        address = IpAddress.None;
        unknownType = false;
        if (!TryReadUInt32(out var type))
            return false;
        switch (type)
        {
            case 0:
                return true;
            case 1:
                if (!TryReadBytes(4, out var v4))
                    return false;
                address = IpAddress.FromIPv4(v4);
                return true;
            case 2:
                if (!TryReadBytes(16, out var v6))
                    return false;
                address = IpAddress.FromIPv6(v6);
                return true;
            default:
                unknownType = true;
                return false;
        }
    }

    private static int Padding(int length) => -length & 3;
}
