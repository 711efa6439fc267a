using Fennec.Features.Traffic;
using Fennec.Packets.Decoding;

namespace Fennec.Features.Tests.Traffic;

public class DistinctCounterTests
{
    [Fact]
    public void Small_sets_are_counted_exactly_and_repeats_do_not_count()
    {
        var counter = new DistinctCounter();
        for (var i = 0; i < 3; i++)
            for (uint a = 0; a < 200; a++)
                counter.Add(IpAddress.FromIPv4(0x0A000000 + a));
        counter.Count.Should().Be(200);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(50_000)]
    [InlineData(1_000_000)]
    public void Large_sets_are_estimated_within_ten_percent(int n)
    {
        var counter = new DistinctCounter();
        for (var i = 0; i < n; i++)
            counter.Add(IpAddress.FromIPv4((uint)(0x0B000000 + i)));
        counter.Count.Should().BeCloseTo(n, (uint)(n / 10));
    }

    [Fact]
    public void Merging_counts_the_union()
    {
        var a = new DistinctCounter();
        var b = new DistinctCounter();
        for (uint i = 0; i < 5_000; i++)
            a.Add(IpAddress.FromIPv4(i));
        for (uint i = 2_500; i < 7_500; i++)
            b.Add(IpAddress.FromIPv4(i));
        var small = new DistinctCounter();
        small.Add(IpAddress.FromIPv4(1_000_000));
        a.Merge(b);
        a.Merge(small);
        a.Count.Should().BeCloseTo(7_501, 750);
    }
}
