namespace Fennec.Enrichment.Mmdb;

/// <summary>The metadata map at the end of a MaxMind DB file: tree shape, database type, languages, build time.</summary>
public sealed record MmdbMetadata(
    uint NodeCount,
    int RecordSize,
    int IpVersion,
    string DatabaseType,
    IReadOnlyList<string> Languages,
    int BinaryFormatMajorVersion,
    int BinaryFormatMinorVersion,
    ulong BuildEpoch,
    IReadOnlyDictionary<string, string> Description)
{
    /// <summary>Reads the decoded metadata map, checking what the reader relies on.</summary>
    internal static MmdbMetadata FromMap(object? decoded, string fileName, long offset)
    {
        if (decoded is not Dictionary<string, object> map)
            throw new MmdbFormatException(fileName, offset, "the metadata is not a map");

        ulong Number(string key) => map.TryGetValue(key, out var v) ? v switch
        {
            ushort u => u,
            uint u => u,
            ulong u => u,
            int i when i >= 0 => (ulong)i,
            _ => throw new MmdbFormatException(fileName, offset, $"metadata key '{key}' is not an unsigned integer"),
        } : throw new MmdbFormatException(fileName, offset, $"metadata key '{key}' is missing");

        var nodeCount = Number("node_count");
        var recordSize = Number("record_size");
        var ipVersion = Number("ip_version");
        var major = Number("binary_format_major_version");
        if (nodeCount > uint.MaxValue)
            throw new MmdbFormatException(fileName, offset, $"node_count {nodeCount} does not fit 32 bits");
        if (recordSize is not (24 or 28 or 32))
            throw new MmdbFormatException(fileName, offset, $"record_size {recordSize} is not 24, 28 or 32");
        if (ipVersion is not (4 or 6))
            throw new MmdbFormatException(fileName, offset, $"ip_version {ipVersion} is not 4 or 6");
        if (major != 2)
            throw new MmdbFormatException(fileName, offset, $"binary format {major} is not 2");

        return new MmdbMetadata(
            (uint)nodeCount,
            (int)recordSize,
            (int)ipVersion,
            map.GetValueOrDefault("database_type") as string ?? string.Empty,
            map.GetValueOrDefault("languages") is List<object> languages ? [.. languages.OfType<string>()] : [],
            (int)major,
            map.ContainsKey("binary_format_minor_version") ? (int)Math.Min(Number("binary_format_minor_version"), int.MaxValue) : 0,
            map.ContainsKey("build_epoch") ? Number("build_epoch") : 0,
            map.GetValueOrDefault("description") is Dictionary<string, object> description
                ? description.Where(p => p.Value is string).ToDictionary(p => p.Key, p => (string)p.Value)
                : new Dictionary<string, string>());
    }
}
