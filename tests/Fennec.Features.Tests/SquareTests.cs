using Fennec.Features.AfterImage;

namespace Fennec.Features.Tests;

/// <summary>The pow(x, 2) shortcut gives glibc's pow bits: on random doubles of every magnitude and on the hard cases.</summary>
public sealed class SquareTests
{
    private static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);

    [Fact]
    public void Equals_pow_on_millions_of_doubles_of_every_magnitude()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("FENNEC_SQUARE_SAMPLES"), out var n) ? n : 4_000_000;
        var random = new Random(20261122);
        long shortcut = 0;
        for (var i = 0; i < count; i++)
        {
            var x = (i % 3) switch
            {
                0 => random.NextDouble() * Math.Pow(10, random.Next(-12, 12)),
                1 => BitConverter.Int64BitsToDouble(random.NextInt64(0, 0x7FF0_0000_0000_0000L)) * (random.Next(2) == 0 ? 1 : -1),
                _ => random.Next(0, 100_000) * 0.5,
            };
            var expected = Math.Pow(x, 2);
            var actual = Square.Of(x);
            if (Bits(actual) != Bits(expected))
                throw new Xunit.Sdk.XunitException($"x = {x:R}: pow {expected:R}, shortcut {actual:R}");
            shortcut += Bits(x * x) == Bits(expected) ? 1 : 0;
        }

        shortcut.Should().BeGreaterThan(count * 99L / 100);
    }

    [Fact]
    public void Equals_pow_where_the_square_lies_near_a_midpoint()
    {
        // Only the squares whose rounding error is 0.44 ulp or more (about one in eight), across the whole range: where
        // the shortcut decides between x·x and pow by how close the midpoint is.
        var random = new Random(20261124);
        var hard = 0;
        for (var i = 0; i < 3_000_000; i++)
        {
            var x = Math.ScaleB(1 + random.NextDouble(), random.Next(-460, 500));
            var product = x * x;
            var ulp = Math.BitIncrement(product) - product;
            if (Math.Abs(Math.FusedMultiplyAdd(x, x, -product)) < 0.44 * ulp)
                continue;
            hard++;
            var expected = Math.Pow(x, 2);
            if (Bits(Square.Of(x)) != Bits(expected))
                throw new Xunit.Sdk.XunitException($"x = {x:R}: pow {expected:R}, shortcut {Square.Of(x):R}");
        }

        hard.Should().BeGreaterThan(300_000);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    [InlineData(double.Epsilon)]
    [InlineData(1e-160)]
    [InlineData(1.4142135623730951)]
    [InlineData(1.0000000000000002)]
    [InlineData(0.9999999999999999)]
    [InlineData(2.0)]
    [InlineData(1.1e-140)]
    [InlineData(1.3e154)]
    [InlineData(1e160)]
    [InlineData(1.4e154)]
    [InlineData(0.6085997613186946)]
    [InlineData(62.9844581535945)]
    [InlineData(3.661601183244607E-43)]
    public void Equals_pow_at_the_edges(double x) => Bits(Square.Of(x)).Should().Be(Bits(Math.Pow(x, 2)));

    // xunit takes -0.0 for a duplicate of 0.0 in InlineData.
    [Fact]
    public void Squares_negative_zero_as_pow_does() => Bits(Square.Of(-0.0)).Should().Be(Bits(Math.Pow(-0.0, 2)));
}
