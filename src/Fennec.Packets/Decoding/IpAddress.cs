using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Fennec.Packets.Decoding;

/// <summary>
/// An IPv4 or IPv6 address in one 16-byte form: IPv4 is held as the IPv4-mapped IPv6 address (::ffff:a.b.c.d),
/// so flow keys and tables need a single shape. Compared and hashed as two 64-bit words.
/// </summary>
public readonly struct IpAddress : IEquatable<IpAddress>
{
    private const ulong MappedPrefix = 0x0000_FFFF_0000_0000UL;

    /// <summary>The first eight bytes of the address, big-endian.</summary>
    public readonly ulong High;

    /// <summary>The last eight bytes of the address, big-endian.</summary>
    public readonly ulong Low;

    /// <summary>Creates an address from its two big-endian halves.</summary>
    public IpAddress(ulong high, ulong low)
    {
        High = high;
        Low = low;
    }

    /// <summary>The all-zero address, used when a packet has no IP layer.</summary>
    public static IpAddress None => default;

    /// <summary>True when this is an IPv4 address held in mapped form.</summary>
    public bool IsIPv4 => High == 0 && (Low & 0xFFFF_FFFF_0000_0000UL) == MappedPrefix;

    /// <summary>The IPv4 address as a host-order integer (only meaningful when <see cref="IsIPv4"/>).</summary>
    public uint IPv4Value => (uint)Low;

    /// <summary>Reads an IPv4 address from four network-order bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IpAddress FromIPv4(ReadOnlySpan<byte> bytes) =>
        new(0, MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(bytes));

    /// <summary>Creates an IPv4 address from a host-order integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IpAddress FromIPv4(uint value) => new(0, MappedPrefix | value);

    /// <summary>Reads an IPv6 address from sixteen network-order bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IpAddress FromIPv6(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));

    /// <summary>Parses a textual IPv4 or IPv6 address.</summary>
    public static IpAddress Parse(string text)
    {
        var parsed = System.Net.IPAddress.Parse(text);
        Span<byte> bytes = stackalloc byte[16];
        if (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            parsed.TryWriteBytes(bytes, out _);
            return FromIPv4(bytes);
        }

        parsed.TryWriteBytes(bytes, out _);
        return FromIPv6(bytes);
    }

    /// <summary>
    /// Parses an address written as UTF-8 text (as stores and files keep them) without allocating for IPv4's dotted
    /// quad, the common case; IPv6 text goes through the framework's parser. Legacy IPv4 forms are refused.
    /// </summary>
    public static bool TryParseUtf8(ReadOnlySpan<byte> text, out IpAddress address)
    {
        if (TryParseDottedQuad(text, out var value))
        {
            address = FromIPv4(value);
            return true;
        }

        address = None;
        // Only IPv6 goes to the framework, which would also take the legacy IPv4 forms ("10.1", octal parts).
        if (!text.Contains((byte)':') || !System.Net.IPAddress.TryParse(text, out var parsed))
            return false;
        Span<byte> bytes = stackalloc byte[16];
        parsed.TryWriteBytes(bytes, out var written);
        address = written == 4 ? FromIPv4(bytes) : FromIPv6(bytes);
        return true;
    }

    private static bool TryParseDottedQuad(ReadOnlySpan<byte> text, out uint value)
    {
        value = 0;
        uint part = 0;
        int digits = 0, dots = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (digits == 0 || ++dots > 3)
                    return false;
                value = (value << 8) | part;
                part = 0;
                digits = 0;
            }
            else if (c is >= (byte)'0' and <= (byte)'9' && digits < 3 && !(digits > 0 && part == 0))
            {
                part = part * 10 + (uint)(c - '0');
                digits++;
                if (part > 255)
                    return false;
            }
            else
                return false;
        }

        if (dots != 3 || digits == 0)
            return false;
        value = (value << 8) | part;
        return true;
    }

    /// <summary>Writes the 16-byte form into <paramref name="destination"/>.</summary>
    public void WriteBytes(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
    }

    /// <summary>
    /// Formats the address as dotted quad for IPv4 and as RFC 5952 text for IPv6 (lower case, longest zero run
    /// compressed), without allocating.
    /// </summary>
    public bool TryFormat(Span<char> destination, out int written) => AddressFormatter.TryFormat(this, destination, out written);

    /// <inheritdoc />
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[48];
        TryFormat(buffer, out var n);
        return new string(buffer[..n]);
    }

    /// <inheritdoc />
    public bool Equals(IpAddress other) => High == other.High && Low == other.Low;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IpAddress other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(High, Low);

    /// <summary>Equality of two addresses.</summary>
    public static bool operator ==(IpAddress left, IpAddress right) => left.Equals(right);

    /// <summary>Inequality of two addresses.</summary>
    public static bool operator !=(IpAddress left, IpAddress right) => !left.Equals(right);
}
