using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Fennec.Detection.Numerics;

namespace Fennec.Detection.Tests.Numerics;

public sealed class VectorExpTests
{
    // The project's machines: x86-64 Linux with glibc and AVX2/FMA, where the vector exp must be in use.
    private static bool OnTheProjectsKindOfMachine =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64 && Avx2.IsSupported && Fma.IsSupported;

    [Fact]
    public void Is_used_where_the_processor_and_C_library_allow_it()
    {
        if (OnTheProjectsKindOfMachine)
            VectorExp.IsExact.Should().BeTrue("glibc's exp on an FMA processor is the computation VectorExp repeats");
        else
            VectorExp.IsExact.Should().Be(VectorExp.IsExact && Avx2.IsSupported && Fma.IsSupported);
    }

    [Theory]
    [InlineData("uniform")]
    [InlineData("magnitudes")]
    [InlineData("bits")]
    [InlineData("sigmoid")]
    public void Every_lane_has_the_bits_of_Math_Exp(string inputs)
    {
        if (!VectorExp.IsExact)
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

        var mismatches = new List<string>();
        for (var i = 0; i < values.Length; i += Vector256<double>.Count)
        {
            var lanes = VectorExp.Exp(Vector256.Create(values.AsSpan(i)));
            for (var lane = 0; lane < Vector256<double>.Count; lane++)
            {
                var x = values[i + lane];
                var expected = Math.Exp(x);
                var actual = lanes.GetElement(lane);
                if (BitConverter.DoubleToInt64Bits(actual) != BitConverter.DoubleToInt64Bits(expected) && mismatches.Count < 10)
                    mismatches.Add($"exp({x:R}): {actual:R}, Math.Exp {expected:R}");
            }
        }

        mismatches.Should().BeEmpty();
    }
}
