using Fennec.TestSupport;
using Xunit.Abstractions;

namespace Fennec.Detection.Tests.KitNet;

/// <summary>
/// KitNET on the reference's features against its trained model, ensemble scores and per-packet scores. Training
/// goes through exp, where NumPy's SIMD exp and the C library's differ by one ulp in some calls, so these are compared
/// to 1e-9 relative (the reference README's bound); the largest difference seen is written to the test output.
/// </summary>
public class KitNetGoldenTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-9;

    [CorpusTheory]
    [InlineData("networkml_ip6")]
    [InlineData("ppa_ftp_crack")]
    [InlineData("kitsune_mirai_prefix")]
    public void The_model_before_the_first_scored_packet_equals_the_reference(string capture)
    {
        var golden = GoldenCapture.Get(capture);
        var run = GoldenRun.For(capture);
        var model = NpyArchive.Read(golden.File("model_after_training.npz"));

        var first = model["packet_index_of_first_execute"];
        first.Shape.Should().BeEmpty();
        run.FirstScoredIndex.Should().Be((long)first.Values[0]).And.Be(golden.Options.FirstScoredIndex);

        var members = model.Keys.Where(k => k.StartsWith("ae", StringComparison.Ordinal) && k.EndsWith("_W", StringComparison.Ordinal)).Count();
        members.Should().Be(run.Ensemble.Length);
        var worst = 0.0;
        var outputBoundsWorst = (Relative: 0.0, Value: 0.0, Scale: 0.0);
        for (var a = 0; a <= run.Ensemble.Length; a++)
        {
            var prefix = a < run.Ensemble.Length ? $"ae{a:D2}" : "out";
            var actual = a < run.Ensemble.Length ? run.Ensemble[a] : run.Output!;
            model[prefix + "_W"].Shape.Should().Equal(actual.Visible, actual.Hidden);
            worst = Math.Max(worst, Compare(actual.Weights, model[prefix + "_W"].Values, $"{prefix} W"));
            worst = Math.Max(worst, Compare(actual.HiddenBias, model[prefix + "_hbias"].Values, $"{prefix} hbias"));
            worst = Math.Max(worst, Compare(actual.VisibleBias, model[prefix + "_vbias"].Values, $"{prefix} vbias"));

            // The ensemble's input ranges are minima and maxima of the features, so they are exact.
            if (a < run.Ensemble.Length)
            {
                Exact(actual.NormMin, model[prefix + "_norm_min"].Values, $"{prefix} norm_min");
                Exact(actual.NormMax, model[prefix + "_norm_max"].Values, $"{prefix} norm_max");
                continue;
            }

            // The output autoencoder's are extremes of training RMSEs, which carry the exp differences. A tiny RMSE
            // (reconstruction error far below the sigmoid's output) loses digits to cancellation, so its relative
            // difference can pass 1e-9 while the absolute one is ~1e-17: these are compared relative to the input's
            // largest value, the scale normalisation divides by.
            var expectedMin = model[prefix + "_norm_min"].Values;
            var expectedMax = model[prefix + "_norm_max"].Values;
            for (var i = 0; i < expectedMin.Length; i++)
            {
                var scale = Math.Max(Math.Abs(expectedMax[i]), Math.Abs(expectedMin[i]));
                foreach (var (got, want, name) in new[] { (actual.NormMin[i], expectedMin[i], "norm_min"), (actual.NormMax[i], expectedMax[i], "norm_max") })
                {
                    Math.Abs(got - want).Should().BeLessThanOrEqualTo(Tolerance * scale, $"out {name}[{i}]: {got:R} against {want:R}");
                    var relative = GoldenCapture.Relative(got, want);
                    if (relative > outputBoundsWorst.Relative)
                        outputBoundsWorst = (relative, want, scale);
                }
            }
        }

        output.WriteLine($"{capture}: {run.Ensemble.Length} autoencoders; largest relative difference in W, hbias, vbias {worst:E2}; " +
                         "ensemble norm_min/norm_max bit-identical; output autoencoder's norm_min/norm_max largest relative difference " +
                         $"{outputBoundsWorst.Relative:E2} (on {outputBoundsWorst.Value:E3}, input scale {outputBoundsWorst.Scale:E3})");
    }

    [CorpusTheory]
    [InlineData("networkml_ip6")]
    [InlineData("ppa_ftp_crack")]
    [InlineData("kitsune_mirai_prefix")]
    public void Ensemble_scores_of_the_first_scored_packets_equal_the_reference(string capture)
    {
        var golden = GoldenCapture.Get(capture);
        var run = GoldenRun.For(capture);
        var lines = File.ReadAllLines(golden.File("ensemble_rmse_exec_first5000.csv"));
        var header = lines[0].Split(',');
        header[0].Should().Be("packet_index");
        header.Length.Should().Be(run.Ensemble.Length + 1);
        lines.Length.Should().Be(run.EnsembleRows.Count + 1);

        var worst = (Relative: 0.0, Value: 0.0);
        for (var r = 1; r < lines.Length; r++)
        {
            var fields = lines[r].Split(',');
            long.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture).Should().Be(run.FirstScoredIndex + r - 1);
            var expected = fields.Skip(1).Select(GoldenCapture.ParseDouble).ToArray();
            Compare(run.EnsembleRows[r - 1], expected, $"ensemble scores of packet {fields[0]}");
            for (var a = 0; a < expected.Length; a++)
            {
                var relative = GoldenCapture.Relative(run.EnsembleRows[r - 1][a], expected[a]);
                if (relative > worst.Relative)
                    worst = (relative, expected[a]);
            }
        }

        output.WriteLine($"{capture}: {lines.Length - 1} rows of {run.Ensemble.Length} ensemble scores; largest relative difference {worst.Relative:E2} (on a score of {worst.Value:E3})");
    }

    [CorpusTheory]
    [InlineData("networkml_ip6")]
    [InlineData("ppa_ftp_crack")]
    [InlineData("kitsune_mirai_prefix")]
    public void Every_score_equals_the_reference(string capture)
    {
        var golden = GoldenCapture.Get(capture);
        var run = GoldenRun.For(capture);
        var expected = golden.Scores();
        expected.Should().HaveCount(run.Scores.Length);

        var first = golden.Options.FirstScoredIndex;
        var worst = 0.0;
        var identical = 0;
        for (var p = 0; p < expected.Length; p++)
        {
            if (p < first)
            {
                run.Scores[p].Should().Be(0, $"packet {p} is in a grace period");
                expected[p].Should().Be(0);
                continue;
            }

            var difference = GoldenCapture.Relative(run.Scores[p], expected[p]);
            difference.Should().BeLessThanOrEqualTo(Tolerance, $"score of packet {p}: {run.Scores[p]:R} against {expected[p]:R}");
            worst = Math.Max(worst, difference);
            if (run.Scores[p].Equals(expected[p]))
                identical++;
        }

        output.WriteLine($"{capture}: {expected.Length - first} scored packets, {identical} bit-identical; largest relative difference {worst:E2}");
    }

    private static void Exact(double[] actual, double[] expected, string what) =>
        actual.Select(BitConverter.DoubleToInt64Bits).Should().Equal(expected.Select(BitConverter.DoubleToInt64Bits), what);

    private static double Compare(double[] actual, double[] expected, string what)
    {
        actual.Should().HaveCount(expected.Length, what);
        var worst = 0.0;
        for (var k = 0; k < actual.Length; k++)
        {
            var difference = GoldenCapture.Relative(actual[k], expected[k]);
            difference.Should().BeLessThanOrEqualTo(Tolerance, $"{what}[{k}]: {actual[k]:R} against {expected[k]:R}");
            worst = Math.Max(worst, difference);
        }

        return worst;
    }
}
