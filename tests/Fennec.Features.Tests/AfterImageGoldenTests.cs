using Fennec.Features.AfterImage;
using Fennec.Features.Kitsune;
using Fennec.TestSupport;
using Xunit.Abstractions;

namespace Fennec.Features.Tests;

/// <summary>AfterImage against the reference's features on real captures: every value bit for bit.</summary>
public sealed class AfterImageGoldenTests(ITestOutputHelper output)
{
    [CorpusTheory]
    [MemberData(nameof(Captures))]
    public void Features_from_the_reference_fields_are_bit_exact(string capture)
    {
        var golden = KitsuneGolden.Load(capture);
        var expected = golden.AllFeatures();
        var rows = golden.ParsedFields();
        rows.Count.Should().Be(expected.Length / AfterImageExtractor.FeatureCount);

        var extractor = new AfterImageExtractor();
        var features = new double[AfterImageExtractor.FeatureCount];
        for (var i = 0; i < rows.Count; i++)
        {
            extractor.Update(KitsuneGolden.ToFields(rows[i]), features);
            AssertRow(expected.AsSpan(i * 100, 100), features, i);
        }

        output.WriteLine($"{capture}: {rows.Count} packets, {extractor.Statistics}");
    }

    [CorpusTheory]
    [MemberData(nameof(Captures))]
    public void Features_from_the_reference_tsv_input_are_bit_exact(string capture)
    {
        var golden = KitsuneGolden.Load(capture);
        var expected = golden.AllFeatures();
        using var source = KitsunePacketSource.Open(golden.InputTsv);
        source.IsTsv.Should().BeTrue();
        var extractor = new AfterImageExtractor();
        var fields = new PacketFields();
        var features = new double[AfterImageExtractor.FeatureCount];
        var i = 0;
        while (source.TryRead(fields))
        {
            extractor.Update(fields, features);
            AssertRow(expected.AsSpan(i * 100, 100), features, i);
            i++;
        }

        i.Should().Be(expected.Length / 100);
    }

    [CorpusTheory]
    [MemberData(nameof(Captures))]
    public void The_first_5000_rows_and_the_header_match_the_csv(string capture)
    {
        var golden = KitsuneGolden.Load(capture);
        var (header, rows) = golden.FirstFeatures();
        header.Skip(1).Should().Equal(FeatureNames.All);
        var parsed = golden.ParsedFields();
        var extractor = new AfterImageExtractor();
        var features = new double[AfterImageExtractor.FeatureCount];
        for (var i = 0; i < rows.Count; i++)
        {
            extractor.Update(KitsuneGolden.ToFields(parsed[i]), features);
            rows[i][0].Should().Be(i);
            AssertRow(rows[i].AsSpan(1), features, i);
        }
    }

    [CorpusTheory]
    [MemberData(nameof(Captures))]
    public void Bounds_that_are_never_reached_change_nothing(string capture)
    {
        var golden = KitsuneGolden.Load(capture);
        var expected = golden.AllFeatures();
        var rows = golden.ParsedFields();
        var extractor = new AfterImageExtractor(new AfterImageOptions { MaxStreamsPerTable = 1_000_000, ExpiryWeight = 1e-300 });
        var features = new double[AfterImageExtractor.FeatureCount];
        for (var i = 0; i < rows.Count; i++)
        {
            extractor.Update(KitsuneGolden.ToFields(rows[i]), features);
            AssertRow(expected.AsSpan(i * 100, 100), features, i);
        }

        extractor.Statistics.Evicted.Should().Be(0);
        extractor.Statistics.Expired.Should().Be(0);
    }

    public static TheoryData<string> Captures => KitsuneGolden.Captures;

    internal static void AssertRow(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, int packet)
    {
        for (var c = 0; c < expected.Length; c++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[c]) != BitConverter.DoubleToInt64Bits(actual[c]))
            {
                throw new Xunit.Sdk.XunitException(
                    $"packet {packet}, column {c} ({FeatureNames.All[c]}): expected {expected[c]:R}, got {actual[c]:R}");
            }
        }
    }
}
