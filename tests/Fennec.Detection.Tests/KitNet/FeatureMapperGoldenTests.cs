using System.Text.Json;
using Fennec.Detection.KitNet;
using Fennec.TestSupport;

namespace Fennec.Detection.Tests.KitNet;

/// <summary>The feature mapper after the FM grace period against the reference's state, distances, dendrogram and map.</summary>
public class FeatureMapperGoldenTests
{
    [CorpusTheory]
    [InlineData("networkml_ip6")]
    [InlineData("ppa_ftp_crack")]
    [InlineData("kitsune_mirai_prefix")]
    public void Running_sums_after_the_grace_period_equal_the_reference(string capture)
    {
        var golden = GoldenCapture.Get(capture);
        var mapper = GoldenRun.For(capture).Detector.Mapper!;
        using var state = JsonDocument.Parse(File.ReadAllText(golden.File("corclust_state.json")));
        var root = state.RootElement;

        mapper.Count.Should().Be(root.GetProperty("N").GetInt64()).And.Be(golden.Options.FeatureMapGrace!.Value + 1);
        BitsOf(mapper.Sums.ToArray()).Should().Equal(BitsOf(Doubles(root.GetProperty("c"))), "c");
        BitsOf(mapper.SquaredResidualSums.ToArray()).Should().Equal(BitsOf(Doubles(root.GetProperty("c_rs"))), "c_rs");
        Map(root.GetProperty("map")).Should().BeEquivalentTo(GoldenMap(golden), o => o.WithStrictOrdering());
    }

    [CorpusTheory]
    [InlineData("networkml_ip6")]
    [InlineData("ppa_ftp_crack")]
    [InlineData("kitsune_mirai_prefix")]
    public void Condensed_distances_equal_the_reference_bit_for_bit(string capture)
    {
        var golden = GoldenCapture.Get(capture);
        var expected = File.ReadLines(golden.File("corclust_condensed_distance.csv")).Select(GoldenCapture.ParseDouble).ToArray();
        var actual = GoldenRun.For(capture).Detector.Mapper!.CondensedDistances();

        expected.Should().HaveCount(GoldenCapture.FeatureCount * (GoldenCapture.FeatureCount - 1) / 2);
        BitsOf(actual).Should().Equal(BitsOf(expected));
    }

    [CorpusTheory]
    [InlineData("networkml_ip6")]
    [InlineData("ppa_ftp_crack")]
    [InlineData("kitsune_mirai_prefix")]
    public void Single_linkage_equals_scipys_bit_for_bit(string capture)
    {
        var golden = GoldenCapture.Get(capture);
        var lines = File.ReadAllLines(golden.File("corclust_linkage_Z.csv"));
        lines[0].Should().StartWith("left,right,distance,count");
        var expected = lines.Skip(1).Select(line =>
        {
            var f = line.Split(',');
            return new LinkageRow(int.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture),
                GoldenCapture.ParseDouble(f[2]), int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture));
        }).ToArray();

        var actual = GoldenRun.For(capture).Detector.Mapper!.SingleLinkage();

        // LinkageRow equality compares the distances with Equals, which is bit equality apart from NaN and -0.
        actual.Should().Equal(expected);
        actual.Select(r => BitConverter.DoubleToInt64Bits(r.Distance)).Should().Equal(expected.Select(r => BitConverter.DoubleToInt64Bits(r.Distance)));
    }

    [CorpusTheory]
    [InlineData("networkml_ip6")]
    [InlineData("ppa_ftp_crack")]
    [InlineData("kitsune_mirai_prefix")]
    public void The_feature_map_equals_the_reference(string capture)
    {
        var golden = GoldenCapture.Get(capture);
        var run = GoldenRun.For(capture);

        run.Detector.FeatureMap.Should().BeEquivalentTo(GoldenMap(golden), o => o.WithStrictOrdering());
        run.Detector.Mapper!.Cluster(golden.Options.MaxAutoencoderSize).Should().BeEquivalentTo(GoldenMap(golden), o => o.WithStrictOrdering());
    }

    internal static int[][] GoldenMap(GoldenCapture golden)
    {
        using var map = JsonDocument.Parse(File.ReadAllText(golden.File("feature_map.json")));
        return Map(map.RootElement);
    }

    private static int[][] Map(JsonElement map) => [.. map.EnumerateArray().Select(c => c.EnumerateArray().Select(i => i.GetInt32()).ToArray())];

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => GoldenCapture.ParseDouble(e.GetString()!))];

    private static long[] BitsOf(double[] values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];
}
