using Fennec.Enrichment.Mmdb;
using Fennec.Packets.Decoding;

namespace Fennec.Enrichment.Tests.Mmdb;

/// <summary>
/// Corrupt files: every truncation and seeded random byte changes must give <see cref="MmdbFormatException"/> or a
/// valid result, never another exception and never a hang.
/// </summary>
public class MmdbCorruptionTests
{
    private static readonly IpAddress[] Probes =
    [
        IpAddress.Parse("81.2.69.160"), IpAddress.Parse("2.125.160.217"), IpAddress.Parse("1.0.0.1"),
        IpAddress.Parse("10.0.0.1"), IpAddress.Parse("2001:200::1"), IpAddress.Parse("::"),
        IpAddress.Parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
    ];

    public static TheoryData<string> Seeds => new() { "nested-24", "flat-28", "flat-32-v4", "every-type-24" };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_truncation_is_a_format_error_or_a_valid_result(string seed)
    {
        var file = Seed(seed);
        WithinSeconds(60, () =>
        {
            for (var length = 0; length < file.Length; length++)
                Exercise(file[..length]);
        });
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_byte_changes_are_format_errors_or_valid_results(string seed)
    {
        var file = Seed(seed);
        var random = new Random(20_240_501);
        WithinSeconds(60, () =>
        {
            for (var round = 0; round < 3000; round++)
            {
                var mutated = (byte[])file.Clone();
                for (var i = random.Next(1, 5); i > 0; i--)
                {
                    // Most of a file with a long string is that string; aim half the changes at the tree and metadata.
                    var at = random.Next(2) == 0 ? random.Next(Math.Min(mutated.Length, 2048)) : mutated.Length - 1 - random.Next(Math.Min(mutated.Length, 400));
                    mutated[at] = (byte)random.Next(256);
                }

                Exercise(mutated);
            }
        });
    }

    [Fact]
    public void Errors_name_the_file_the_offset_and_the_problem()
    {
        var file = SampleDatabases.Nested();
        var marker = file.AsSpan().LastIndexOf("MaxMind.com"u8) - 3;
        var noMarker = (byte[])file.Clone();
        noMarker[marker + 3] = (byte)'m';

        var act = () => MmdbReader.FromBytes(noMarker, "GeoLite2-City.mmdb");

        act.Should().Throw<MmdbFormatException>()
            .Where(e => e.FileName == "GeoLite2-City.mmdb" && e.Message.StartsWith("GeoLite2-City.mmdb: at offset") && e.Reason.Contains("metadata marker"));
    }

    [Fact]
    public void A_tree_that_loops_back_is_reported_not_followed_forever()
    {
        // One node whose records both point back at itself.
        var file = new MmdbWriter(24, 6).Insert("::/1", "x").Build();
        file.AsSpan(0, 6).Clear();
        using var reader = MmdbReader.FromBytes(file, "loop.mmdb");

        var act = () => reader.Lookup(IpAddress.Parse("2001:db8::1"));

        act.Should().Throw<MmdbFormatException>().WithMessage("*deeper than 128 bits*");
    }

    [Fact]
    public void A_record_beyond_the_data_section_is_reported()
    {
        var file = new MmdbWriter(32, 6).Insert("::/1", "x").Build();
        file.AsSpan(0, 4).Fill(0x7F);
        using var reader = MmdbReader.FromBytes(file);

        var act = () => reader.Lookup(IpAddress.Parse("::1"));

        act.Should().Throw<MmdbFormatException>().WithMessage("*outside the data section*");
    }

    private static byte[] Seed(string name) => name switch
    {
        "nested-24" => SampleDatabases.Nested(24, 6),
        "flat-28" => SampleDatabases.Flat(28, 6),
        "flat-32-v4" => SampleDatabases.Flat(32, 4),
        _ => new MmdbWriter(24, 4).Insert("1.0.0.0/8", new Dictionary<string, object>(SampleDatabases.EveryType().Where(p => !p.Key.StartsWith("s6", StringComparison.Ordinal)))).Build(),
    };

    private static void Exercise(byte[] file)
    {
        try
        {
            using var reader = MmdbReader.FromBytes(file, "corrupt.mmdb");
            var geo = new Enrichment.Geo.GeoDatabase(reader);
            foreach (var probe in Probes)
            {
                var lookup = reader.Lookup(probe);
                if (!lookup.Found)
                    continue;
                _ = geo.CountryAt(lookup.DataOffset);
                _ = geo.ReadRecord(lookup.DataOffset, lookup.PrefixLength);
                _ = reader.Decode(lookup.DataOffset);
            }
        }
        catch (MmdbFormatException)
        {
        }
    }

    private static void WithinSeconds(int seconds, Action action)
    {
        var task = Task.Run(action);
        task.Wait(TimeSpan.FromSeconds(seconds)).Should().BeTrue($"the work must finish within {seconds} s (a hang is a defect)");
        task.GetAwaiter().GetResult();
    }
}
