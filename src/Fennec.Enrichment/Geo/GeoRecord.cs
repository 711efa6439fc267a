namespace Fennec.Enrichment.Geo;

/// <summary>What a GeoIP/ASN database says about an address; fields the database does not hold are null.</summary>
/// <param name="Country">The ISO country code (the registered country when the database has no location country).</param>
/// <param name="CountryName">The English country name.</param>
/// <param name="City">The English city name.</param>
/// <param name="Latitude">Latitude in degrees.</param>
/// <param name="Longitude">Longitude in degrees.</param>
/// <param name="Asn">The autonomous system number.</param>
/// <param name="AsOrganisation">The organisation holding the autonomous system.</param>
/// <param name="PrefixLength">The prefix length of the network the database matched.</param>
public sealed record GeoRecord(
    CountryCode Country,
    string? CountryName,
    string? City,
    double? Latitude,
    double? Longitude,
    uint? Asn,
    string? AsOrganisation,
    int PrefixLength);
