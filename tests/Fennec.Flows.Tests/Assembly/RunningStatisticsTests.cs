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
}
