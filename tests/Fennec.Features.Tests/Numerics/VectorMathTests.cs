using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Fennec.Features.Numerics;

namespace Fennec.Features.Tests.Numerics;

public sealed class VectorMathTests
{
    // The project's machines: x86-64 Linux with glibc and AVX2/FMA, where the vector exp must be in use.
    private static bool OnTheProjectsKindOfMachine =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64 && Avx2.IsSupported && Fma.IsSupported;

    [Fact]
    public void Is_used_where_the_processor_and_C_library_allow_it()
    {
        if (OnTheProjectsKindOfMachine)
            VectorMath.IsExact.Should().BeTrue("glibc's exp and pow on an FMA processor are the computations VectorMath repeats");
        else
            VectorMath.IsExact.Should().Be(VectorMath.IsExact && Avx2.IsSupported && Fma.IsSupported);
    }

    [Theory]
    [InlineData("uniform")]
    [InlineData("magnitudes")]
    [InlineData("bits")]
    [InlineData("sigmoid")]
    public void Every_lane_has_the_bits_of_Math_Exp(string inputs)
    {
        if (!VectorMath.IsExact)
            return; // callers keep to Math.Exp; Is_used_where_the_processor_and_C_library_allow_it pins where that is allowed

        var random = new Random(20261122);
        var values = new double[1 << 20];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = inputs switch
            {
                // The whole finite range of exp and beyond it.
                "uniform" => (random.NextDouble() * 1500) - 750,

                // Every binade from 2^-60 to 2^10, both signs: both edges of the vector path and tiny arguments.
                "magnitudes" => Math.ScaleB(1 + random.NextDouble(), random.Next(-60, 11)) * (random.Next(2) == 0 ? -1 : 1),

                // Any bit pattern: NaNs, infinities, subnormals, huge values.
                "bits" => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)),

                // What KitNET's sigmoid sees: activations of a few units around zero.
                _ => -(random.NextDouble() - 0.5) * 8,
            };
        }

        Mismatches(values, VectorMath.Exp, Math.Exp).Should().BeEmpty();
    }

    [Theory]
    [InlineData("decay")]
    [InlineData("uniform")]
    [InlineData("magnitudes")]
    [InlineData("bits")]
    public void Every_lane_of_pow2_has_the_bits_of_Math_Pow(string inputs)
    {
        if (!VectorMath.IsExact)
            return; // callers keep to Math.Pow; Is_used_where_the_processor_and_C_library_allow_it pins where that is allowed

        var random = new Random(20261123);
        var values = new double[1 << 20];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = inputs switch
            {
                // AfterImage's exponents: -λ times gaps from a nanosecond to ten days.
                "decay" => -Fennec.Features.AfterImage.DecayFactors.Values[i % 5] * Math.Pow(10, (random.NextDouble() * 15) - 9),

                // Past both ends of the finite range.
                "uniform" => (random.NextDouble() * 2200) - 1100,

                // Every binade from 2^-70 to 2^11, both signs: the edges of pow's ordinary exponents.
                "magnitudes" => Math.ScaleB(1 + random.NextDouble(), random.Next(-70, 12)) * (random.Next(2) == 0 ? -1 : 1),

                _ => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)),
            };
        }

        Mismatches(values, VectorMath.Pow2, y => Math.Pow(2.0, y)).Should().BeEmpty();
    }

    [Fact]
    public void One_value_pow2_has_the_bits_of_Math_Pow_on_any_machine()
    {
        var random = new Random(5);
        for (var i = 0; i < 100_000; i++)
        {
            var y = i % 2 == 0
                ? -Fennec.Features.AfterImage.DecayFactors.Values[i % 5] * Math.Pow(10, (random.NextDouble() * 15) - 9)
                : BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
            BitConverter.DoubleToInt64Bits(VectorMath.Pow2(y)).Should().Be(BitConverter.DoubleToInt64Bits(Math.Pow(2.0, y)), $"2^{y:R}");
        }
    }

    /// <summary>The first ten inputs where a lane's bits differ from the scalar function's, written out.</summary>
    private static List<string> Mismatches(double[] values, Func<Vector256<double>, Vector256<double>> vector, Func<double, double> scalar)
    {
        var mismatches = new List<string>();
        for (var i = 0; i < values.Length; i += Vector256<double>.Count)
        {
            var lanes = vector(Vector256.Create(values.AsSpan(i)));
            for (var lane = 0; lane < Vector256<double>.Count; lane++)
            {
                var x = values[i + lane];
                var expected = scalar(x);
                var actual = lanes.GetElement(lane);
                if (BitConverter.DoubleToInt64Bits(actual) != BitConverter.DoubleToInt64Bits(expected) && mismatches.Count < 10)
                    mismatches.Add($"f({x:R}): {actual:R}, scalar {expected:R}");
            }
        }

        return mismatches;
    }
}
