using Fennec.Enrichment.Geo;
using Fennec.Enrichment.Mmdb;
using Fennec.Enrichment.Tests.Mmdb;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;

namespace Fennec.Enrichment.Tests.Geo;

public class GeoDatabaseTests
{
    [Fact]
    public void The_nested_layout_reads_maxmind_fields()
    {
        using var geo = new GeoDatabase(MmdbReader.FromBytes(SampleDatabases.Nested()));

        geo.Layout.Should().BeSameAs(GeoLayout.Nested);
        geo.Lookup(IpAddress.Parse("81.2.69.160")).Should().Be(new GeoRecord(
            CountryCode.Parse("GB"), "United Kingdom", "London", 51.5142, -0.0931, 20_712, "Andrews & Arnold Ltd", 24));
        geo.LookupCountry(IpAddress.Parse("2.125.160.217")).ToString().Should().Be("FR", "the registered country stands in");
        geo.Lookup(IpAddress.Parse("192.0.2.1")).Should().BeNull();
    }

    [Fact]
    public void The_flat_layout_is_detected_from_the_record_keys()
    {
        using var geo = new GeoDatabase(MmdbReader.FromBytes(SampleDatabases.Flat()));

        geo.Layout.Should().BeSameAs(GeoLayout.Flat);
        var record = geo.Lookup(IpAddress.Parse("1.0.0.7"))!;
        record.Should().BeEquivalentTo(new { City = "Brisbane", Asn = 13_335u, AsOrganisation = "Cloudflare, Inc.", CountryName = (string?)null });
        record.Country.ToString().Should().Be("AU");
        record.Latitude.Should().BeApproximately(-27.4679, 1e-5);
        geo.Lookup(IpAddress.Parse("2001:200::5"))!.Should().BeEquivalentTo(new { Asn = 2500u, City = (string?)null });
        geo.LookupCountry(IpAddress.Parse("2001:200::5")).ToString().Should().Be("JP", "codes are upper-cased");
    }

    [Fact]
    public void Country_lookups_allocate_nothing()
    {
        using var geo = new GeoDatabase(MmdbReader.FromBytes(SampleDatabases.Nested()));
        var addresses = new[] { IpAddress.Parse("81.2.69.160"), IpAddress.Parse("2.125.160.217"), IpAddress.Parse("9.9.9.9") };

        Allocations.Measure(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                foreach (var address in addresses)
                    _ = geo.LookupCountry(address);
            }
        }).Should().Be(0);
    }

    [Fact]
    public void Country_codes_pack_two_letters()
    {
        CountryCode.Parse("us").Should().Be(new CountryCode(('U' << 8) | 'S'));
        CountryCode.None.ToString().Should().BeEmpty();
        CountryCode.TryFromUtf8("USA"u8, out _).Should().BeFalse();
        CountryCode.TryFromUtf8("1A"u8, out _).Should().BeFalse();
        var act = () => CountryCode.Parse("U1");
        act.Should().Throw<FormatException>().WithMessage("*'U1'*");
    }

    [GeoIpFact(GeoIpData.CountryMmdb)]
    public void The_npm_country_database_answers_for_well_known_addresses()
    {
        using var geo = GeoDatabase.Open(GeoIpData.Require(GeoIpData.CountryMmdb));

        geo.Layout.Should().BeSameAs(GeoLayout.Flat);
        geo.LookupCountry(IpAddress.Parse("8.8.8.8")).ToString().Should().Be("US");
        geo.LookupCountry(IpAddress.Parse("10.0.0.1")).IsNone.Should().BeTrue();
        geo.LookupCountry(IpAddress.Parse("2a00:1450::1")).IsNone.Should().BeFalse();
    }
}
