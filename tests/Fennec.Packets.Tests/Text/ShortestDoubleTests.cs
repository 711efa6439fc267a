using System.Globalization;
using System.Numerics;
using System.Text;
using Fennec.Packets.Text;

namespace Fennec.Packets.Tests.Text;

/// <summary>
/// <see cref="ShortestDouble"/> against the runtime's own <c>TryFormat(..., "R", InvariantCulture)</c>, byte for byte:
/// every check stops at the first difference and names the double's bits and both texts.
/// </summary>
public sealed class ShortestDoubleTests
{
    private delegate int Formatter(double value, Span<byte> destination);

    private static int DotNet(double value, Span<byte> destination)
    {
        value.TryFormat(destination, out var n, "R", CultureInfo.InvariantCulture).Should().BeTrue();
        return n;
    }

    /// <summary>Compares <paramref name="format"/>'s bytes with .NET's for one value; cheap when they agree.</summary>
    private static void Check(double value, Formatter format)
    {
        Span<byte> expected = stackalloc byte[64];
        Span<byte> actual = stackalloc byte[32];
        var e = DotNet(value, expected);
        var a = format(value, actual);
        if (!actual[..a].SequenceEqual(expected[..e]))
        {
            var text = Encoding.ASCII.GetString(actual[..a]);
            text.Should().Be(Encoding.ASCII.GetString(expected[..e]),
                $"the double with bits 0x{BitConverter.DoubleToUInt64Bits(value):X16} formats as .NET's \"R\" does");
        }
    }

    private static void Check(double value) => Check(value, ShortestDouble.Format);

    /// <summary>The value, its neighbours one step either side, and the negatives of all three.</summary>
    private static void CheckAround(double value)
    {
        foreach (var v in (ReadOnlySpan<double>)[value, Math.BitIncrement(value), Math.BitDecrement(value)])
        {
            Check(v);
            Check(-v);
        }
    }

    [Fact]
    public void A_mismatch_names_the_bits_and_both_texts()
    {
        var check = () => Check(0.1, (_, destination) =>
        {
            "0.2"u8.CopyTo(destination);
            return 3;
        });

        check.Should().Throw<Exception>()
            .Which.Message.Should().Contain("0x3FB999999999999A").And.Contain("\"0.2\"").And.Contain("\"0.1\"");
    }

    [Fact]
    public void Texts_in_the_runtime_layout_come_back_unchanged()
    {
        // Fixed notation for decimal exponents -4 to 16, scientific with two or more exponent digits outside.
        string[] texts =
        [
            "0", "-0", "NaN", "Infinity", "-Infinity", "5E-324", "1.7976931348623157E+308", "-1.7976931348623157E+308",
            "123.456", "-1.5", "0.0001", "0.00012345678901234567", "1E-05", "1.5E-05", "9.999999E-06",
            "1000000000000000", "10000000000000000", "12345000000000000", "12345678901234568", "999999999999999.9",
            "1E+17", "1.5E+17", "1.2345678901234568E+17", "1E+23", "1E-100", "0.30000000000000004", "1500000000.123456",
        ];
        Span<byte> bytes = stackalloc byte[32];
        foreach (var text in texts)
        {
            var value = double.Parse(text, CultureInfo.InvariantCulture);
            var n = ShortestDouble.Format(value, bytes);
            Encoding.ASCII.GetString(bytes[..n]).Should().Be(text);
            Check(value);
        }
    }

    [Fact]
    public void Special_and_extreme_values_match()
    {
        double[] values =
        [
            0.0, -0.0, double.NaN, -double.NaN, BitConverter.UInt64BitsToDouble(0x7FF0000000000001),
            BitConverter.UInt64BitsToDouble(0xFFFFFFFFFFFFFFFF), double.PositiveInfinity, double.NegativeInfinity,
            double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue,
            BitConverter.UInt64BitsToDouble(0x0010000000000000), // smallest normal
            BitConverter.UInt64BitsToDouble(0x000FFFFFFFFFFFFF), // largest subnormal
            0.1 + 0.2, 1.0 / 3, 2.0 / 3, Math.PI, Math.E, 9007199254740992.0, 9007199254740993.0, 18014398509481984.0,
        ];
        foreach (var value in values)
            Check(value);
    }

    [Fact]
    public void Every_power_of_two_and_its_neighbours_match()
    {
        for (var e = -1074; e <= 1023; e++)
        {
            if (e is -25 or -958)
                continue;
            CheckAround(Math.ScaleB(1.0, e));
        }
    }

    [Theory]
    [InlineData(-25, "2.9802322387695312E-08")]
    [InlineData(-958, "4.1045368012983762E-289")]
    public void Two_powers_of_two_that_dotnet_does_not_round_trip_do(int exponent, string text)
    {
        var value = Math.ScaleB(1.0, exponent);
        Span<byte> bytes = stackalloc byte[32];
        var written = ShortestDouble.Format(value, bytes);
        Encoding.ASCII.GetString(bytes[..written]).Should().Be(text);
        double.Parse(text, CultureInfo.InvariantCulture).Should().Be(value);

        // .NET's text is a digit shorter and reads back as the double below (the test fails when a runtime fixes it).
        var dotnet = value.ToString("R", CultureInfo.InvariantCulture);
        double.Parse(dotnet, CultureInfo.InvariantCulture).Should().Be(Math.BitDecrement(value));
        Check(Math.BitIncrement(value));
        Check(Math.BitDecrement(value));
    }

    [Fact]
    public void Powers_of_ten_and_their_neighbours_match()
    {
        for (var e = -324; e <= 308; e++)
            CheckAround(double.Parse($"1e{e}", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Integers_to_a_hundred_thousand_match()
    {
        for (var i = 0; i <= 100_000; i++)
        {
            Check(i);
            Check(-i);
        }
    }

    [Fact]
    public void Decimal_fractions_match()
    {
        // k / 10^n both as a quotient (often a digit off the decimal) and as the double nearest the decimal.
        for (var n = 0; n <= 22; n++)
        {
            var power = Math.Pow(10, n);
            for (var k = 1; k <= 2_000; k++)
            {
                Check(k / power);
                Check(double.Parse($"{k}e-{n}", CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public void Values_at_the_notation_thresholds_match()
    {
        string[] texts =
        [
            "1e-5", "9.999999e-6", "9.9999999999999999e-6", "0.0001", "0.00009999999999999999", "1.5e-5",
            "1e15", "999999999999999.9", "9999999999999998", "1e16", "99999999999999999", "1e17", "1.0000000000000001e17",
            "123456789012345678", "12345678901234567", "1234567890123456.7", "1e21", "1e22", "1e-4",
        ];
        foreach (var text in texts)
            CheckAround(double.Parse(text, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Subnormals_match()
    {
        for (ulong bits = 1; bits <= 20_000; bits++)
            Check(BitConverter.UInt64BitsToDouble(bits));
        var random = new Random(1074);
        for (var i = 0; i < 200_000; i++)
            Check(BitConverter.UInt64BitsToDouble((ulong)random.NextInt64(1L << 52)));
    }

    [Fact]
    public void Random_bit_patterns_match()
    {
        // Every exponent, both signs; NaNs and infinities included at their natural rate.
        var random = new Random(20180618);
        for (var i = 0; i < 5_000_000; i++)
            Check(BitConverter.Int64BitsToDouble(random.NextInt64() ^ ((long)random.Next(2) << 63)));
    }

    [Fact]
    public void Random_values_in_the_ranges_written_match()
    {
        var random = new Random(7);
        for (var i = 0; i < 250_000; i++)
        {
            Check(random.NextDouble()); // probabilities, scores in 0..1
            Check(Math.Pow(10, -12 + (15 * random.NextDouble()))); // 1e-12 .. 1e3
            Check(1.5e9 + random.Next(100_000_000) + (random.Next(1_000_000) / 1e6)); // timestamps, microseconds
            Check(Math.Round(random.NextDouble() * 1_500, random.Next(7))); // feature values with few decimals
        }
    }

    [Fact]
    public void Short_decimals_at_every_exponent_match()
    {
        // Few significant digits make exact ties and interval ends that count more likely.
        var random = new Random(2018);
        for (var i = 0; i < 300_000; i++)
        {
            var digits = random.NextInt64(1, (long)Math.Pow(10, random.Next(1, 18)));
            CheckAround(double.Parse($"{digits}e{random.Next(-345, 310)}", CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Large_integers_and_multiples_of_powers_of_five_match()
    {
        var random = new Random(5);
        for (var i = 0; i < 100_000; i++)
        {
            CheckAround(random.NextInt64() * Math.Pow(5, random.Next(30)) * Math.ScaleB(1.0, random.Next(-80, 80)));
            CheckAround((ulong)(random.NextInt64() >> random.Next(40)) * Math.Pow(10, random.Next(25)));
        }
    }

    [Fact]
    public void Formatting_allocates_nothing()
    {
        Span<byte> bytes = stackalloc byte[32];
        ShortestDouble.Format(1.5, bytes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = 0;
        for (var i = 1; i < 10_000; i++)
            total += ShortestDouble.Format(i * 0.37e-3, bytes);
        GC.GetAllocatedBytesForCurrentThread().Should().Be(before);
        total.Should().BePositive();
    }

    [Fact]
    public void A_destination_under_32_bytes_is_refused()
    {
        var format = () => ShortestDouble.Format(1.0, new byte[31]);
        format.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Scaling_estimates_are_exact_over_the_ranges_used()
    {
        var power2 = BigInteger.One;
        for (var e = 0; e <= 1650; e++, power2 *= 2)
            ShortestDouble.Log10Pow2(e).Should().Be(FloorLog10(power2), $"floor(log10(2^{e}))");

        var power5 = BigInteger.One;
        for (var e = 0; e <= 2620; e++, power5 *= 5)
        {
            ShortestDouble.Log10Pow5(e).Should().Be(FloorLog10(power5), $"floor(log10(5^{e}))");
            ShortestDouble.Pow5BitLength(e).Should().Be((int)power5.GetBitLength(), $"the bit length of 5^{e}");
        }
    }

    private static int FloorLog10(BigInteger value) => value.ToString(CultureInfo.InvariantCulture).Length - 1;
}
