namespace Fennec.Features.Kitsune;

/// <summary>A reusable text value of bounded length (an address, a port, a protocol word), held without allocation.</summary>
/// <remarks>Span-formattable, so an interpolated string copies the characters instead of allocating a string first.</remarks>
public sealed class TextField : ISpanFormattable
{
    /// <summary>The longest value a field holds (an IPv6 address with an embedded IPv4 address is 45 characters).</summary>
    public const int MaxLength = 64;

    private readonly char[] _buffer = new char[MaxLength];

    /// <summary>The characters of the value.</summary>
    public ReadOnlySpan<char> Value => _buffer.AsSpan(0, Length);

    /// <summary>The number of characters.</summary>
    public int Length { get; private set; }

    /// <summary>True when the value is empty.</summary>
    public bool IsEmpty => Length == 0;

    /// <summary>Empties the value.</summary>
    public void Clear() => Length = 0;

    /// <summary>Sets the value; false (and the value emptied) when it is longer than <see cref="MaxLength"/>.</summary>
    public bool TrySet(ReadOnlySpan<char> value)
    {
        if (value.Length > MaxLength)
        {
            Length = 0;
            return false;
        }

        value.CopyTo(_buffer);
        Length = value.Length;
        return true;
    }

    /// <summary>Appends to the value; false (value unchanged) when the result would be too long.</summary>
    public bool TryAppend(ReadOnlySpan<char> value)
    {
        if (Length + value.Length > MaxLength)
            return false;
        value.CopyTo(_buffer.AsSpan(Length));
        Length += value.Length;
        return true;
    }

    /// <summary>Copies another field's value.</summary>
    public void CopyFrom(TextField other)
    {
        other.Value.CopyTo(_buffer);
        Length = other.Length;
    }

    /// <summary>Space to write up to <see cref="MaxLength"/> characters into; call <see cref="SetLength"/> after.</summary>
    internal Span<char> Buffer => _buffer;

    internal void SetLength(int length) => Length = length;

    /// <inheritdoc />
    public override string ToString() => new(Value);

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (!Value.TryCopyTo(destination))
        {
            charsWritten = 0;
            return false;
        }

        charsWritten = Length;
        return true;
    }
}
