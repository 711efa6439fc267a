using Fennec.Enrichment;

namespace Fennec.TestSupport;

/// <summary>
/// Finds the GeoIP/ASN data scripts/ensure-geoip.sh fetches: $FENNEC_GEOIP_DIR, else
/// ${XDG_CACHE_HOME:-$HOME/.cache}/fennec/geoip (the script's own default). Tests that read a file there are marked
/// <see cref="GeoIpFactAttribute"/>: skipped with the reason shown when it is missing, mandatory under CI=true.
/// </summary>
public static class GeoIpData
{
    /// <inheritdoc cref="GeoIpFiles.CountryMmdb"/>
    public const string CountryMmdb = GeoIpFiles.CountryMmdb;

    /// <inheritdoc cref="GeoIpFiles.CityIPv4Mmdb"/>
    public const string CityIPv4Mmdb = GeoIpFiles.CityIPv4Mmdb;

    /// <inheritdoc cref="GeoIpFiles.CityIPv6Mmdb"/>
    public const string CityIPv6Mmdb = GeoIpFiles.CityIPv6Mmdb;

    /// <inheritdoc cref="GeoIpFiles.AsnIPv4Csv"/>
    public const string AsnIPv4Csv = GeoIpFiles.AsnIPv4Csv;

    /// <inheritdoc cref="GeoIpFiles.AsnIPv6Csv"/>
    public const string AsnIPv6Csv = GeoIpFiles.AsnIPv6Csv;

    /// <summary>The cache folder (which may not exist).</summary>
    public static string Folder => GeoIpFiles.Folder;

    /// <summary>Why tests needing these files are skipped here, or null when they must run.</summary>
    public static string? SkipReason(params string[] files)
    {
        if (SharedData.IsCi)
            return null;
        var missing = files.Where(f => !File.Exists(Path.Combine(Folder, f))).ToArray();
        return missing.Length == 0
            ? null
            : $"GeoIP data not found: {string.Join(", ", missing)} in {Folder} (scripts/ensure-geoip.sh --asn --city fetches it)";
    }

    /// <summary>The full path of a data file; throws (failing the test) with how to fetch it when it is missing.</summary>
    public static string Require(string file)
    {
        var path = Path.Combine(Folder, file);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"GeoIP data '{file}' is missing from {Folder}: run scripts/ensure-geoip.sh --asn --city", path);
    }
}
