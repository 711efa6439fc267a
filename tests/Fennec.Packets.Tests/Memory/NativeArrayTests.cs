using Fennec.Packets.Memory;

namespace Fennec.Packets.Tests.Memory;

public sealed class NativeArrayTests
{
    [Fact]
    public void A_new_array_is_zeroed_and_holds_what_is_written()
    {
        using var array = new NativeArray<long>(1000);
        array.Length.Should().Be(1000);
        array.AsSpan().IndexOfAnyExcept(0L).Should().Be(-1);
        for (var i = 0; i < array.Length; i++)
            array[i] = i * 3;
        array[999].Should().Be(2997);
        array.AsSpan(10, 3).ToArray().Should().Equal(30, 33, 36);
    }

    [Theory]
    [InlineData(100, 1_000)]
    [InlineData(100_000, 400_000)]
    [InlineData(400_000, 100_000)]
    [InlineData(300_000, 350_000)]
    public void Resizing_keeps_the_elements_both_lengths_have_and_zeroes_the_new_ones(int from, int to)
    {
        using var array = new NativeArray<int>(from);
        for (var i = 0; i < from; i++)
            array[i] = i + 1;

        array.Resize(to);

        array.Length.Should().Be(to);
        array.Bytes.Should().BeGreaterThanOrEqualTo(to * 4L);
        var kept = Math.Min(from, to);
        for (var i = 0; i < kept; i += 97)
            array[i].Should().Be(i + 1);
        array[kept - 1].Should().Be(kept);
        array.AsSpan(kept, to - kept).IndexOfAnyExcept(0).Should().Be(-1, "grown elements start at zero");
    }

    [Fact]
    public void Growing_within_a_huge_page_moves_nothing_and_still_zeroes()
    {
        using var array = new NativeArray<byte>(1 << 20);
        var bytes = array.Bytes;
        array[^1] = 7;
        array.Resize(1 << 20 | 1000);
        array.Bytes.Should().Be(bytes, "1 MiB is rounded up to a 2 MiB page, which has room");
        array[(1 << 20) - 1].Should().Be(7);
        array.AsSpan(1 << 20, 1000).IndexOfAnyExcept((byte)0).Should().Be(-1);
    }

    [Fact]
    public void Indexes_and_ranges_outside_the_array_are_refused()
    {
        using var array = new NativeArray<double>(8);
        var below = () => array[-1];
        var past = () => array[8];
        var range = () => array.AsSpan(6, 3).Length;
        below.Should().Throw<IndexOutOfRangeException>().WithMessage("*-1*8*");
        past.Should().Throw<IndexOutOfRangeException>();
        range.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*3 elements from 6*8*");
        var empty = new NativeArray<double>(0);
        empty.AsSpan().Length.Should().Be(0);
        empty.Dispose();
    }
}
