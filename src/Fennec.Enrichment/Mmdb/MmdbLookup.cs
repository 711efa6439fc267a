namespace Fennec.Enrichment.Mmdb;

/// <summary>
/// The result of a search-tree walk: the record's offset in the data section (or <see cref="NotFound"/>) and the
/// prefix length of the matching network, counted in the address's own family (0 to 32 for IPv4, 0 to 128 for IPv6).
/// </summary>
public readonly record struct MmdbLookup(int DataOffset, int PrefixLength)
{
    /// <summary>The data offset of an address the database holds no record for.</summary>
    public const int NotFound = -1;

    /// <summary>True when the address has a record.</summary>
    public bool Found => DataOffset >= 0;
}
