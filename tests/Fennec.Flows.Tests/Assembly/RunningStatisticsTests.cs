using FsCheck;
using FsCheck.Fluent;
using Fennec.Flows.Assembly;

namespace Fennec.Flows.Tests.Assembly;

public class RunningStatisticsTests
{
    [Fact]
    public void Matches_a_direct_computation_for_any_values()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int[]>(), values =>
        {
            var stats = default(RunningStatistics);
            foreach (var v in values)
                stats.Add(v);
            if (values.Length == 0)
                return stats.Count == 0;
            var mean = values.Average(v => (double)v);
            var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
            return stats.Count == values.Length && stats.Min == values.Min() && stats.Max == values.Max() &&
                   Math.Abs(stats.Mean - mean) <= 1e-9 * Math.Max(1, Math.Abs(mean)) &&
                   Math.Abs(stats.StandardDeviation - Math.Sqrt(variance)) <= 1e-6 * Math.Max(1, Math.Sqrt(variance));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Sample_deviation_uses_n_minus_one()
    {
        var stats = default(RunningStatistics);
        foreach (var v in new[] { 2.0, 4, 4, 4, 5, 5, 7, 9 })
            stats.Add(v);
        stats.StandardDeviation.Should().Be(2);
        stats.SampleStandardDeviation.Should().BeApproximately(2.138089935, 1e-9);
    }

    [Fact]
    public void Keeps_precision_for_values_far_from_zero_and_close_together()
    {
        // Gaps of a beacon in nanoseconds, jittering by a few nanoseconds; the expected figures are computed on the
        // jitter alone, where a plain sum loses nothing.
        var stats = default(RunningStatistics);
        var jitter = Enumerable.Range(0, 100_000).Select(i => (double)((i % 7) - 3)).ToArray();
        foreach (var j in jitter)
            stats.Add(1_000_000_000_000.0 + j);
        var jitterMean = jitter.Average();
        var deviation = Math.Sqrt(jitter.Sum(j => (j - jitterMean) * (j - jitterMean)) / jitter.Length);
        stats.Mean.Should().BeApproximately(1_000_000_000_000.0 + jitterMean, 2e-4);
        stats.StandardDeviation.Should().BeApproximately(deviation, 1e-6 * deviation);
    }
}
