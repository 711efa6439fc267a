namespace Fennec.Enrichment.Asn;

/// <summary>
/// Splits the lines of ip-location-db's ASN files: start_ip,end_ip,asn,organisation, where the organisation may be
/// quoted ("LLC ""SPUTNIK""").
/// </summary>
internal static class AsnCsv
{
    /// <summary>The four fields of <paramref name="line"/>; false when it does not have them.</summary>
    public static bool TrySplit(string line, out string start, out string end, out string asn, out string organisation)
    {
        start = end = asn = organisation = string.Empty;
        var first = line.IndexOf(',');
        var second = first < 0 ? -1 : line.IndexOf(',', first + 1);
        var third = second < 0 ? -1 : line.IndexOf(',', second + 1);
        if (third < 0)
            return false;
        start = line[..first];
        end = line[(first + 1)..second];
        asn = line[(second + 1)..third];
        organisation = Unquote(line.AsSpan(third + 1));
        return true;
    }

    private static string Unquote(ReadOnlySpan<char> field)
    {
        if (field.Length < 2 || field[0] != '"' || field[^1] != '"')
            return field.ToString();
        return field[1..^1].ToString().Replace("\"\"", "\"", StringComparison.Ordinal);
    }
}
