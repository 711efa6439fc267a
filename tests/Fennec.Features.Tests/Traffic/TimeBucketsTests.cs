using Fennec.Features.Traffic;

namespace Fennec.Features.Tests.Traffic;

public class TimeBucketsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(59, 0)]
    [InlineData(60, 1)]
    [InlineData(-1, -1)]
    [InlineData(-60, -1)]
    [InlineData(-61, -2)]
    public void Buckets_are_numbered_by_floor_division_before_and_after_the_epoch(long ns, long bucket) =>
        TimeBuckets.Of(ns, 60).Should().Be(bucket);

    [Fact]
    public void An_interval_is_shared_out_by_the_time_it_spends_in_each_bucket()
    {
        var shares = new List<TimeBuckets.Share>();
        foreach (var share in TimeBuckets.Shares(30, 150, 60))
            shares.Add(share);
        shares.Should().Equal(new TimeBuckets.Share(0, 0.25, true), new TimeBuckets.Share(1, 0.5, false), new TimeBuckets.Share(2, 0.25, false));
    }

    [Fact]
    public void An_instant_or_an_interval_inside_one_bucket_is_all_in_it_and_a_reversed_one_is_an_instant()
    {
        foreach (var (first, last) in new[] { (10L, 10L), (10L, 50L), (50L, 10L) })
        {
            var shares = new List<TimeBuckets.Share>();
            foreach (var share in TimeBuckets.Shares(first, last, 60))
                shares.Add(share);
            shares.Should().Equal(new TimeBuckets.Share(0, 1, true));
        }
    }
}
