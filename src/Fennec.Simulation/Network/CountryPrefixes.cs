namespace Fennec.Simulation.Network;

/// <summary>
/// The built-in table of real public networks the simulated outside peers live in: large cloud, CDN, resolver and
/// access-provider blocks that GeoIP (ip-location-db's registry-based country data) places wholly in one country.
/// Normal traffic uses <see cref="Normal"/> only; the new-country attack draws from <see cref="Rare"/>.
/// </summary>
public static class CountryPrefixes
{
    /// <summary>Networks of the countries normal traffic talks to.</summary>
    public static IReadOnlyList<CountryPrefix> Normal { get; } =
    [
        CountryPrefix.Parse("US", "8.8.8.0/24", "Google Public DNS"),
        CountryPrefix.Parse("US", "9.9.9.0/24", "Quad9"),
        CountryPrefix.Parse("US", "13.32.0.0/15", "Amazon CloudFront"),
        CountryPrefix.Parse("US", "52.84.0.0/15", "Amazon CloudFront"),
        CountryPrefix.Parse("US", "104.16.0.0/14", "Cloudflare"),
        CountryPrefix.Parse("US", "142.250.0.0/15", "Google"),
        CountryPrefix.Parse("US", "151.101.0.0/16", "Fastly"),
        CountryPrefix.Parse("US", "216.239.32.0/19", "Google"),
        CountryPrefix.Parse("DE", "46.4.0.0/16", "Hetzner"),
        CountryPrefix.Parse("DE", "78.46.0.0/15", "Hetzner"),
        CountryPrefix.Parse("DE", "85.10.192.0/18", "Hetzner"),
        CountryPrefix.Parse("DE", "88.198.0.0/16", "Hetzner"),
        CountryPrefix.Parse("GB", "51.140.0.0/16", "Microsoft Azure UK"),
        CountryPrefix.Parse("GB", "81.2.64.0/18", "Andrews & Arnold"),
        CountryPrefix.Parse("GB", "212.58.224.0/19", "BBC"),
        CountryPrefix.Parse("FR", "51.15.0.0/16", "Scaleway"),
        CountryPrefix.Parse("FR", "62.210.0.0/16", "Scaleway"),
        CountryPrefix.Parse("FR", "163.172.0.0/16", "Scaleway"),
        CountryPrefix.Parse("FR", "193.252.0.0/16", "Orange"),
        CountryPrefix.Parse("NL", "94.142.240.0/21", "Tilaa"),
        CountryPrefix.Parse("NL", "145.97.0.0/16", "SURF"),
        CountryPrefix.Parse("NL", "185.107.56.0/22", "NForce"),
        CountryPrefix.Parse("JP", "126.0.0.0/9", "SoftBank"),
        CountryPrefix.Parse("JP", "153.120.0.0/16", "Sakura Internet"),
        CountryPrefix.Parse("JP", "210.140.0.0/16", "IDC Frontier"),
        CountryPrefix.Parse("IE", "34.240.0.0/13", "Amazon eu-west-1"),
        CountryPrefix.Parse("IE", "52.208.0.0/13", "Amazon eu-west-1"),
        CountryPrefix.Parse("IE", "87.32.0.0/12", "Eir"),
        CountryPrefix.Parse("SE", "78.72.0.0/15", "Telia"),
        CountryPrefix.Parse("SE", "83.248.0.0/13", "Tele2"),
        CountryPrefix.Parse("SE", "90.224.0.0/12", "Telia"),
        CountryPrefix.Parse("CA", "70.24.0.0/13", "Bell Canada"),
        CountryPrefix.Parse("CA", "99.224.0.0/11", "Rogers"),
        CountryPrefix.Parse("CA", "142.112.0.0/13", "Bell Canada"),
        CountryPrefix.Parse("SG", "119.73.128.0/17", "StarHub"),
        CountryPrefix.Parse("SG", "175.156.0.0/16", "StarHub"),
        CountryPrefix.Parse("SG", "203.116.0.0/16", "SingTel"),
        CountryPrefix.Parse("AU", "1.0.0.0/24", "APNIC research (Cloudflare resolver)"),
        CountryPrefix.Parse("AU", "1.1.1.0/24", "APNIC research (Cloudflare resolver)"),
    ];

    /// <summary>Networks of countries that normal traffic never reaches.</summary>
    public static IReadOnlyList<CountryPrefix> Rare { get; } =
    [
        CountryPrefix.Parse("KP", "175.45.176.0/22", "Star Joint Venture"),
        CountryPrefix.Parse("IR", "2.176.0.0/12", "Telecommunication Company of Iran"),
        CountryPrefix.Parse("BY", "178.120.0.0/13", "Beltelecom"),
        CountryPrefix.Parse("CU", "152.206.0.0/15", "ETECSA"),
        CountryPrefix.Parse("VE", "190.198.0.0/15", "CANTV"),
    ];

    /// <summary>How often a new outside peer of normal traffic is placed in each country (relative weights).</summary>
    public static IReadOnlyList<(string Country, double Weight)> PeerWeights { get; } =
    [
        ("US", 40), ("DE", 12), ("IE", 10), ("GB", 8), ("NL", 8), ("FR", 7), ("CA", 4), ("JP", 4), ("SE", 4), ("SG", 3),
    ];

    /// <summary>The networks of <paramref name="country"/> in either table.</summary>
    public static IReadOnlyList<CountryPrefix> Of(string country) =>
        [.. Normal.Concat(Rare).Where(p => p.Country == country)];

    /// <summary>The countries of <see cref="Rare"/>.</summary>
    public static IReadOnlyList<string> RareCountries { get; } = [.. Rare.Select(p => p.Country).Distinct()];
}
