using Fennec.Features.Kitsune;
using FsCheck;
using FsCheck.Fluent;

namespace Fennec.Features.Tests;

public sealed class EpochSecondsTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(999_999_999L)]
    [InlineData(1_000_000_000L)]
    [InlineData(1_024_380_731_002_335_000L)]
    [InlineData(1_579_736_376_152_412_000L)]
    [InlineData(4_102_444_800_123_456_789L)]
    [InlineData(-1_500_000_001L)]
    public void Equals_parsing_the_nine_decimal_text(long nanoseconds) =>
        BitConverter.DoubleToInt64Bits(EpochSeconds.FromNanoseconds(nanoseconds))
            .Should().Be(BitConverter.DoubleToInt64Bits(EpochSeconds.Parse(nanoseconds)));

    [Fact]
    public void Equals_parsing_on_random_timestamps_of_any_magnitude()
    {
        var gen = from seconds in Gen.Choose(0, int.MaxValue)
                  from nanos in Gen.Choose(0, 999_999_999)
                  from scale in Gen.Elements(1L, 1000L, 1_000_000L, 4L)
                  select (seconds * scale % 9_000_000_000L * 1_000_000_000L) + nanos;
        Prop.ForAll(gen.ToArbitrary(), n =>
                BitConverter.DoubleToInt64Bits(EpochSeconds.FromNanoseconds(n)) == BitConverter.DoubleToInt64Bits(EpochSeconds.Parse(n)))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Equals_parsing_at_rounding_ties()
    {
        // Values whose ninth decimal sits half way between two doubles near 1.7e9 s (ulp 2^-22 s).
        var random = new Random(7);
        for (var i = 0; i < 200_000; i++)
        {
            var n = 1_700_000_000_000_000_000L + random.NextInt64(0, 100_000_000_000_000L);
            EpochSeconds.FromNanoseconds(n).Should().Be(EpochSeconds.Parse(n), $"{n} ns");
        }
    }
}
