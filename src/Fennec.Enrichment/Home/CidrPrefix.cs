using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Fennec.Packets.Decoding;

namespace Fennec.Enrichment.Home;

/// <summary>
/// A network in the 128-bit form of <see cref="IpAddress"/>: IPv4 prefixes are IPv4-mapped, so 10.0.0.0/8 is
/// ::ffff:10.0.0.0/104. Host bits are cleared.
/// </summary>
public readonly record struct CidrPrefix(UInt128 Network, int Length)
{
    private static readonly UInt128 MappedStart = new(0, 0x0000_FFFF_0000_0000UL);

    /// <summary>True when the prefix lies inside the IPv4-mapped range (::ffff:0:0/96).</summary>
    public bool IsIPv4 => Length >= 96 && (Network & Mask(96)) == MappedStart;

    /// <summary>True when the prefix covers some IPv4 address (it is IPv4, or an IPv6 prefix holding ::ffff:0:0/96).</summary>
    public bool CoversIPv4 => IsIPv4 || (Length <= 96 && (MappedStart & Mask(Length)) == Network);

    /// <summary>True when the prefix covers some address outside the IPv4-mapped range.</summary>
    public bool CoversIPv6 => !IsIPv4;

    /// <summary>The mask of a prefix length in the 128-bit form.</summary>
    public static UInt128 Mask(int length) => length == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - length);

    /// <summary>True when <paramref name="address"/> is inside this network.</summary>
    public bool Contains(IpAddress address) => (new UInt128(address.High, address.Low) & Mask(Length)) == Network;

    /// <summary>Parses "a.b.c.d/n", "x:y::/n" or a single address; the error names the text.</summary>
    public static CidrPrefix Parse(string text)
    {
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        // IPAddress also takes inet_aton's short forms ("10.0.0" is 10.0.0.0); a network list wants all four parts.
        var shortIPv4 = !addressText.Contains(':') && addressText.AsSpan().Count('.') != 3;
        if (shortIPv4 || !IPAddress.TryParse(addressText, out var parsed) || addressText.Contains('%'))
            throw new FormatException($"'{text}' is not a network: '{addressText}' is not an IP address");
        var ipv4 = parsed.AddressFamily == AddressFamily.InterNetwork;
        var bits = ipv4 ? 32 : 128;
        var length = bits;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > bits))
            throw new FormatException($"'{text}' is not a network: the prefix length must be 0 to {bits}");
        var address = IpAddress.Parse(addressText);
        var full = ipv4 ? length + 96 : length;
        return new CidrPrefix(new UInt128(address.High, address.Low) & Mask(full), full);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var address = new IpAddress((ulong)(Network >> 64), (ulong)Network);
        return IsIPv4 ? $"{address}/{Length - 96}" : $"{address}/{Length}";
    }
}
