using Fennec.Enrichment.Mmdb;

namespace Fennec.Enrichment.Geo;

/// <summary>
/// Where a database keeps each field, as candidate paths tried in order. MaxMind's GeoIP2/GeoLite2 nest them
/// (country.iso_code, city.names.en, location.latitude); ip-location-db, DB-IP lite and ipinfo keep them flat
/// (country_code, city, latitude, asn).
/// </summary>
public sealed class GeoLayout
{
    private GeoLayout(string name, string[] country, string[] countryName, string[] city, string[] latitude,
        string[] longitude, string[] asn, string[] asOrganisation)
    {
        Name = name;
        Country = Paths(country);
        CountryName = Paths(countryName);
        City = Paths(city);
        Latitude = Paths(latitude);
        Longitude = Paths(longitude);
        Asn = Paths(asn);
        AsOrganisation = Paths(asOrganisation);
    }

    /// <summary>MaxMind's nested layout (GeoIP2/GeoLite2 City, Country and ASN).</summary>
    public static GeoLayout Nested { get; } = new(
        "nested",
        ["country.iso_code", "registered_country.iso_code"],
        ["country.names.en", "registered_country.names.en"],
        ["city.names.en"],
        ["location.latitude"],
        ["location.longitude"],
        ["autonomous_system_number"],
        ["autonomous_system_organization"]);

    /// <summary>The flat layout of ip-location-db, DB-IP lite and ipinfo.</summary>
    public static GeoLayout Flat { get; } = new(
        "flat",
        ["country_code", "country"],
        ["country_name"],
        ["city"],
        ["latitude"],
        ["longitude"],
        ["autonomous_system_number", "asn"],
        ["autonomous_system_organization", "as_name", "as_organization", "organization"]);

    /// <summary>"nested" or "flat".</summary>
    public string Name { get; }

    /// <summary>Paths of the ISO country code.</summary>
    public IReadOnlyList<MmdbPath> Country { get; }

    /// <summary>Paths of the English country name.</summary>
    public IReadOnlyList<MmdbPath> CountryName { get; }

    /// <summary>Paths of the English city name.</summary>
    public IReadOnlyList<MmdbPath> City { get; }

    /// <summary>Paths of the latitude.</summary>
    public IReadOnlyList<MmdbPath> Latitude { get; }

    /// <summary>Paths of the longitude.</summary>
    public IReadOnlyList<MmdbPath> Longitude { get; }

    /// <summary>Paths of the autonomous system number.</summary>
    public IReadOnlyList<MmdbPath> Asn { get; }

    /// <summary>Paths of the autonomous system's organisation.</summary>
    public IReadOnlyList<MmdbPath> AsOrganisation { get; }

    /// <summary>
    /// The layout of <paramref name="reader"/>'s database: nested for MaxMind's database types, otherwise nested
    /// when a record holds a map under country, city or location (or a registered_country), else flat.
    /// </summary>
    public static GeoLayout Detect(MmdbReader reader)
    {
        var type = reader.Metadata.DatabaseType;
        if (type.StartsWith("GeoIP2", StringComparison.Ordinal) || type.StartsWith("GeoLite2", StringComparison.Ordinal))
            return Nested;
        var offset = reader.FindAnyRecord();
        if (offset < 0 || reader.Decode(offset) is not Dictionary<string, object> record)
            return Flat;
        var nested = record.ContainsKey("registered_country") ||
                     new[] { "country", "city", "location" }.Any(k => record.GetValueOrDefault(k) is Dictionary<string, object>);
        return nested ? Nested : Flat;
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private static MmdbPath[] Paths(string[] dotted) => [.. dotted.Select(MmdbPath.Parse)];
}
