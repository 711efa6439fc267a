using Fennec.Enrichment.Mmdb;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;

namespace Fennec.Enrichment.Tests.Mmdb;

public class MmdbReaderTests
{
    public static TheoryData<int, int> Shapes => new() { { 24, 4 }, { 24, 6 }, { 28, 4 }, { 28, 6 }, { 32, 4 }, { 32, 6 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Lookups_find_the_longest_matching_network_with_its_prefix_length(int recordSize, int ipVersion)
    {
        var writer = new MmdbWriter(recordSize, ipVersion)
            .Insert("10.0.0.0/8", "ten")
            .Insert("10.1.0.0/16", "ten-one")
            .Insert("192.0.2.128/25", "doc")
            .Insert("255.255.255.255/32", "broadcast");
        if (ipVersion == 6)
            writer.Insert("2001:db8::/32", "v6doc").Insert("2001:db8:1::/48", "v6doc-1").Insert("::1/128", "loopback");
        using var reader = MmdbReader.FromBytes(writer.Build());

        // Inserting 10.1/16 split the /8, so an address reports the largest piece of it that still holds it.
        Expect(reader, "10.200.3.4", "ten", 9);
        Expect(reader, "10.2.3.4", "ten", 15);
        Expect(reader, "10.1.200.1", "ten-one", 16);
        Expect(reader, "192.0.2.200", "doc", 25);
        Expect(reader, "255.255.255.255", "broadcast", 32);
        reader.Lookup(IpAddress.Parse("192.0.2.1")).Found.Should().BeFalse();
        reader.Lookup(IpAddress.Parse("11.0.0.0")).Should().Be(new MmdbLookup(MmdbLookup.NotFound, 8));
        if (ipVersion == 6)
        {
            Expect(reader, "2001:db8:ffff::1", "v6doc", 33);
            Expect(reader, "2001:db8:1:2::3", "v6doc-1", 48);
            Expect(reader, "::1", "loopback", 128);
            reader.Lookup(IpAddress.Parse("2001:db9::")).Found.Should().BeFalse();
        }
        else
        {
            reader.Lookup(IpAddress.Parse("2001:db8::1")).Found.Should().BeFalse("an IPv4 tree holds no IPv6 data");
        }

        reader.Metadata.Should().BeEquivalentTo(new
        {
            RecordSize = recordSize,
            IpVersion = ipVersion,
            DatabaseType = "Fennec-Test",
            Languages = new[] { "en" },
            BinaryFormatMajorVersion = 2,
            BuildEpoch = 1_714_564_800UL,
        });
        reader.Metadata.Description.Should().Equal(new Dictionary<string, string> { ["en"] = "Fennec test database" });
    }

    [Theory]
    [InlineData(24)]
    [InlineData(28)]
    [InlineData(32)]
    public void Every_type_round_trips(int recordSize)
    {
        var record = SampleDatabases.EveryType();
        using var reader = MmdbReader.FromBytes(new MmdbWriter(recordSize, 6).Insert("2001:db8::/32", record).Build());

        var lookup = reader.Lookup(IpAddress.Parse("2001:db8::1"));

        reader.Decode(lookup.DataOffset).Should().BeEquivalentTo(record, o => o.RespectingRuntimeTypes().WithStrictOrdering());
    }

    [Fact]
    public void Pointers_of_every_form_and_the_data_cache_container_resolve()
    {
        var writer = new MmdbWriter(28, 6);
        var shortKey = writer.Cache("short", 0);
        var values = Enumerable.Range(0, 4).Select(form => writer.Cache($"value through a pointer of form {form}", form)).ToArray();
        var mapThroughPointer = writer.Cache(new Dictionary<string, object> { ["inner"] = 7u }, 1);
        writer.Insert("2001:db8::/32", new KeyValuePair<object, object>[]
        {
            new(shortKey, values[0]),
            new("one", values[1]),
            new("two", values[2]),
            new("three", values[3]),
            new("map", mapThroughPointer),
        });
        writer.Insert("10.0.0.0/8", values[2]);
        using var reader = MmdbReader.FromBytes(writer.Build());
        reader.DataSectionSize.Should().BeGreaterThan(526_336, "form 2 pointers need targets that far");

        var offset = reader.Lookup(IpAddress.Parse("2001:db8::1")).DataOffset;

        reader.Decode(offset).Should().BeEquivalentTo(new Dictionary<string, object>
        {
            ["short"] = "value through a pointer of form 0",
            ["one"] = "value through a pointer of form 1",
            ["two"] = "value through a pointer of form 2",
            ["three"] = "value through a pointer of form 3",
            ["map"] = new Dictionary<string, object> { ["inner"] = 7u },
        }, o => o.RespectingRuntimeTypes());
        reader.FindString(offset, new MmdbPath("short")).Should().Be("value through a pointer of form 0");
        reader.TryFind(offset, MmdbPath.Parse("map.inner"), out var inner).Should().BeTrue();
        reader.TryGetUInt64(inner, out var number).Should().BeTrue();
        number.Should().Be(7);
        reader.Decode(reader.Lookup(IpAddress.Parse("10.9.9.9")).DataOffset).Should().Be("value through a pointer of form 2");
    }

    [Fact]
    public void Paths_read_single_fields_in_place()
    {
        using var reader = MmdbReader.FromBytes(new MmdbWriter(24, 6).Insert("2001:db8::/32", SampleDatabases.EveryType()).Build());
        var offset = reader.Lookup(IpAddress.Parse("2001:db8::1")).DataOffset;

        reader.FindString(offset, new MmdbPath("utf8")).Should().Be("Zürich");
        reader.FindString(offset, new MmdbPath("s65821")).Should().HaveLength(65_821);
        reader.TryFind(offset, MmdbPath.Parse("nested.deeper.value"), out var value).Should().BeTrue();
        reader.TryGetUInt64(value, out var number).Should().BeTrue();
        number.Should().Be(42);
        reader.TryFind(offset, new MmdbPath("float"), out var single).Should().BeTrue();
        reader.TryGetDouble(single, out var d).Should().BeTrue();
        d.Should().Be(3.25);
        reader.TryFind(offset, new MmdbPath("int32_negative"), out var negative).Should().BeTrue();
        reader.TryGetUInt64(negative, out _).Should().BeFalse();
        reader.TryGetDouble(negative, out var negativeDouble).Should().BeTrue();
        negativeDouble.Should().Be(-123_456);
        reader.TryFind(offset, MmdbPath.Parse("nested.missing"), out _).Should().BeFalse();
        reader.TryFind(offset, MmdbPath.Parse("utf8.not-a-map"), out _).Should().BeFalse();
    }

    [Fact]
    public void Lookups_and_field_reads_allocate_nothing()
    {
        using var reader = MmdbReader.FromBytes(SampleDatabases.Nested());
        var path = MmdbPath.Parse("country.iso_code");
        var addresses = new[] { IpAddress.Parse("81.2.69.160"), IpAddress.Parse("2001:db8::1"), IpAddress.Parse("2.125.160.217") };

        Allocations.Measure(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                foreach (var address in addresses)
                {
                    var lookup = reader.Lookup(address);
                    if (lookup.Found && reader.TryFind(lookup.DataOffset, path, out var value))
                        _ = reader.GetUtf8(value).Length;
                }
            }
        }).Should().Be(0);
    }

    private static void Expect(MmdbReader reader, string address, string value, int prefixLength)
    {
        var lookup = reader.Lookup(IpAddress.Parse(address));
        lookup.Found.Should().BeTrue(address);
        lookup.PrefixLength.Should().Be(prefixLength, address);
        reader.Decode(lookup.DataOffset).Should().Be(value, address);
    }
}
