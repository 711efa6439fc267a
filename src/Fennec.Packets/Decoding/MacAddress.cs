using System.Runtime.CompilerServices;

namespace Fennec.Packets.Decoding;

/// <summary>A 48-bit MAC address held in the low bits of a 64-bit integer, first octet most significant.</summary>
public readonly struct MacAddress : IEquatable<MacAddress>
{
    /// <summary>The address as an integer: octet 0 in bits 47..40.</summary>
    public readonly ulong Value;

    /// <summary>Creates an address from its integer form.</summary>
    public MacAddress(ulong value) => Value = value & 0xFFFF_FFFF_FFFFUL;

    /// <summary>Reads an address from six bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MacAddress Read(ReadOnlySpan<byte> bytes) =>
        new(((ulong)bytes[0] << 40) | ((ulong)bytes[1] << 32) | ((ulong)bytes[2] << 24) |
            ((ulong)bytes[3] << 16) | ((ulong)bytes[4] << 8) | bytes[5]);

    /// <summary>True when no address was seen (all zero).</summary>
    public bool IsZero => Value == 0;

    /// <summary>Formats as six lower-case hexadecimal pairs separated by colons.</summary>
    public bool TryFormat(Span<char> destination, out int written)
    {
        written = 0;
        if (destination.Length < 17)
            return false;
        for (var i = 0; i < 6; i++)
        {
            var octet = (int)(Value >> (40 - (8 * i))) & 0xFF;
            var at = i * 3;
            destination[at] = AddressFormatter.HexDigit(octet >> 4);
            destination[at + 1] = AddressFormatter.HexDigit(octet & 0xF);
            if (i < 5)
                destination[at + 2] = ':';
        }

        written = 17;
        return true;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[17];
        TryFormat(buffer, out _);
        return new string(buffer);
    }

    /// <inheritdoc />
    public bool Equals(MacAddress other) => Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MacAddress other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Equality of two addresses.</summary>
    public static bool operator ==(MacAddress left, MacAddress right) => left.Equals(right);

    /// <summary>Inequality of two addresses.</summary>
    public static bool operator !=(MacAddress left, MacAddress right) => !left.Equals(right);
}
