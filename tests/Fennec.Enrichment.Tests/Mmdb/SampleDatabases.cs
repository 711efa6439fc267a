namespace Fennec.Enrichment.Tests.Mmdb;

/// <summary>Hand-made databases shared by the reader, corruption and GeoIP tests.</summary>
internal static class SampleDatabases
{
    /// <summary>A record holding every type, with strings at each size form's edges.</summary>
    public static Dictionary<string, object> EveryType() => new()
    {
        ["utf8"] = "Zürich",
        ["empty"] = string.Empty,
        ["s28"] = new string('a', 28),
        ["s29"] = new string('b', 29),
        ["s284"] = new string('c', 284),
        ["s285"] = new string('d', 285),
        ["s65820"] = new string('e', 65_820),
        ["s65821"] = new string('f', 65_821),
        ["double"] = -12.5e-3,
        ["float"] = 3.25f,
        ["bytes"] = new byte[] { 0, 1, 0xFE, 0xFF },
        ["uint16"] = (ushort)65_535,
        ["uint16_zero"] = (ushort)0,
        ["uint32"] = 4_000_000_000u,
        ["int32_negative"] = -123_456,
        ["int32_positive"] = 77,
        ["uint64"] = ulong.MaxValue,
        ["uint128"] = UInt128.MaxValue - 5,
        ["uint128_small"] = (UInt128)300,
        ["array"] = new List<object> { 1u, "two", new List<object>(), new Dictionary<string, object>() },
        ["true"] = true,
        ["false"] = false,
        ["nested"] = new Dictionary<string, object> { ["deeper"] = new Dictionary<string, object> { ["value"] = 42u } },
    };

    /// <summary>A small MaxMind-style (nested) country and ASN database.</summary>
    public static byte[] Nested(int recordSize = 24, int ipVersion = 6) =>
        new MmdbWriter(recordSize, ipVersion, "GeoLite2-City")
            .Insert("81.2.69.0/24", new Dictionary<string, object>
            {
                ["city"] = new Dictionary<string, object> { ["names"] = new Dictionary<string, object> { ["en"] = "London", ["de"] = "London" } },
                ["country"] = new Dictionary<string, object> { ["iso_code"] = "GB", ["names"] = new Dictionary<string, object> { ["en"] = "United Kingdom" } },
                ["location"] = new Dictionary<string, object> { ["latitude"] = 51.5142, ["longitude"] = -0.0931 },
                ["autonomous_system_number"] = 20_712u,
                ["autonomous_system_organization"] = "Andrews & Arnold Ltd",
            })
            .Insert("2.125.160.216/29", new Dictionary<string, object>
            {
                ["registered_country"] = new Dictionary<string, object> { ["iso_code"] = "FR" },
            })
            .Build();

    /// <summary>A small database in ip-location-db's flat layout.</summary>
    public static byte[] Flat(int recordSize = 24, int ipVersion = 6)
    {
        var writer = new MmdbWriter(recordSize, ipVersion, "city ipvAll")
            .Insert("1.0.0.0/24", new Dictionary<string, object>
            {
                ["city"] = "Brisbane",
                ["country_code"] = "AU",
                ["latitude"] = -27.4679f,
                ["longitude"] = 153.028f,
                ["asn"] = "AS13335",
                ["as_name"] = "Cloudflare, Inc.",
            });
        if (ipVersion == 6)
            writer.Insert("2001:200::/32", new Dictionary<string, object> { ["country_code"] = "jp", ["autonomous_system_number"] = 2500u });
        return writer.Build();
    }
}
