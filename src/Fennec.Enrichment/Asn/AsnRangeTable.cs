using System.Globalization;
using Fennec.Packets.Decoding;

namespace Fennec.Enrichment.Asn;

/// <summary>
/// AS numbers from range files (ip-location-db's asn-ipv4.csv and asn-ipv6.csv: start_ip,end_ip,asn,organisation,
/// inclusive ranges that do not overlap), held as sorted arrays: 32-bit keys for IPv4, 128-bit for IPv6.
/// <see cref="TryLookup"/> is a binary search with no allocation. Immutable, so safe to share between threads.
/// </summary>
public sealed class AsnRangeTable
{
    private readonly RangeIndex<uint> _v4;
    private readonly RangeIndex<UInt128> _v6;

    private AsnRangeTable(RangeIndex<uint> v4, RangeIndex<UInt128> v6, string[] organisations)
    {
        _v4 = v4;
        _v6 = v6;
        Organisations = organisations;
    }

    /// <summary>Organisation names, each once; <see cref="AsnMatch.OrganisationIndex"/> indexes this.</summary>
    public IReadOnlyList<string> Organisations { get; }

    /// <summary>The number of IPv4 ranges.</summary>
    public int IPv4Count => _v4.Count;

    /// <summary>The number of IPv6 ranges.</summary>
    public int IPv6Count => _v6.Count;

    /// <summary>Loads range files (IPv4 and IPv6 rows may be in any file); a malformed line names its file and line.</summary>
    public static AsnRangeTable Load(params string[] paths)
    {
        var v4 = new List<(uint Start, uint End, AsnMatch Match)>();
        var v6 = new List<(UInt128 Start, UInt128 End, AsnMatch Match)>();
        var organisations = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                if (line.Length == 0)
                    continue;
                if (!AsnCsv.TrySplit(line, out var startText, out var endText, out var asnText, out var organisation) ||
                    !System.Net.IPAddress.TryParse(startText, out _) || !System.Net.IPAddress.TryParse(endText, out _) ||
                    !uint.TryParse(asnText, NumberStyles.None, CultureInfo.InvariantCulture, out var asn))
                    throw new FormatException($"{path}:{lineNumber}: not start_ip,end_ip,asn,organisation: '{line}'");
                var start = IpAddress.Parse(startText);
                var end = IpAddress.Parse(endText);
                if (start.IsIPv4 != end.IsIPv4 || Key(start) > Key(end))
                    throw new FormatException($"{path}:{lineNumber}: '{startText}' to '{endText}' is not a range");
                if (!organisations.TryGetValue(organisation, out var index))
                    organisations.Add(organisation, index = organisations.Count);
                var match = new AsnMatch(asn, index);
                if (start.IsIPv4)
                    v4.Add((start.IPv4Value, end.IPv4Value, match));
                else
                    v6.Add((Key(start), Key(end), match));
            }
        }

        return new AsnRangeTable(RangeIndex<uint>.Build(v4), RangeIndex<UInt128>.Build(v6), [.. organisations.Keys]);
    }

    /// <summary>The autonomous system whose range holds <paramref name="address"/>; no allocation.</summary>
    public bool TryLookup(IpAddress address, out AsnMatch match) =>
        address.IsIPv4 ? _v4.TryFind(address.IPv4Value, out match) : _v6.TryFind(Key(address), out match);

    /// <summary>The organisation's name for a match.</summary>
    public string Organisation(AsnMatch match) => Organisations[match.OrganisationIndex];

    private static UInt128 Key(IpAddress address) => new(address.High, address.Low);
}
