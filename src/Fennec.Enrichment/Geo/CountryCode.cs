namespace Fennec.Enrichment.Geo;

/// <summary>
/// A two-letter ISO 3166-1 country code packed in a ushort (first letter in the high byte), so the hot path can
/// return, compare and count countries without strings. <see cref="None"/> (0) means unknown.
/// </summary>
public readonly record struct CountryCode(ushort Packed)
{
    /// <summary>No country.</summary>
    public static CountryCode None => default;

    /// <summary>True when this is <see cref="None"/>.</summary>
    public bool IsNone => Packed == 0;

    /// <summary>Packs two ASCII letters (upper-cased); false for anything else.</summary>
    public static bool TryFromUtf8(ReadOnlySpan<byte> text, out CountryCode code)
    {
        code = None;
        if (text.Length != 2 || !char.IsAsciiLetter((char)text[0]) || !char.IsAsciiLetter((char)text[1]))
            return false;
        code = new CountryCode((ushort)((char.ToUpperInvariant((char)text[0]) << 8) | char.ToUpperInvariant((char)text[1])));
        return true;
    }

    /// <summary>Packs a two-letter code; throws for anything else.</summary>
    public static CountryCode Parse(string text) =>
        text.Length == 2 && TryFromUtf8([(byte)text[0], (byte)text[1]], out var code) && text.All(char.IsAsciiLetter)
            ? code
            : throw new FormatException($"'{text}' is not a two-letter country code");

    /// <summary>The code as text ("US"), or the empty string for <see cref="None"/>.</summary>
    public override string ToString() => IsNone ? string.Empty : string.Create(2, Packed, static (span, p) =>
    {
        span[0] = (char)(p >> 8);
        span[1] = (char)(p & 0xFF);
    });
}
