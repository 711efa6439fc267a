using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Fennec.Features.Numerics;

namespace Fennec.Benchmarks;

/// <summary>
/// Per value over 1,024 arguments: exp in KitNET's sigmoid range (±4) and 2^y for AfterImage's decay factors
/// (y = -λ·dt, gaps from a microsecond to a minute), the C library's scalar functions through <see cref="Math"/>
/// against <see cref="VectorMath"/>, which gives the same bits four at a time.
/// </summary>
[MemoryDiagnoser]
public class VectorMathBenchmarks
{
    private const int Values = 1_024;
    private readonly double[] _arguments = new double[Values];
    private readonly double[] _exponents = new double[Values];
    private readonly double[] _outputs = new double[Values];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        for (var i = 0; i < Values; i++)
        {
            _arguments[i] = (random.NextDouble() - 0.5) * 8;
            _exponents[i] = -DecayFactorsOf(i) * Math.Pow(10, (random.NextDouble() * 8) - 6);
        }

        if (!VectorMath.IsExact)
            Console.WriteLine("// VectorMath is not exact on this machine: callers use the scalar functions");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Values)]
    public double ScalarExp()
    {
        var inputs = _arguments;
        var outputs = _outputs;
        for (var i = 0; i < inputs.Length; i++)
            outputs[i] = Math.Exp(inputs[i]);
        return outputs[^1];
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public double VectorExp() => Apply<ExpLanes>(_arguments, _outputs);

    [Benchmark(OperationsPerInvoke = Values)]
    public double ScalarPow2()
    {
        var inputs = _exponents;
        var outputs = _outputs;
        for (var i = 0; i < inputs.Length; i++)
            outputs[i] = Math.Pow(2.0, inputs[i]);
        return outputs[^1];
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public double VectorPow2() => Apply<Pow2Lanes>(_exponents, _outputs);

    private static double DecayFactorsOf(int i) => Fennec.Features.AfterImage.DecayFactors.Values[i % 5];

    // A vector function as a type parameter, so the loop calls it directly (no delegate in the measured loop).
    private static double Apply<TFunction>(double[] inputs, double[] outputs)
        where TFunction : ILanes
    {
        for (var i = 0; i < inputs.Length; i += Vector256<double>.Count)
            TFunction.Of(Vector256.Create(inputs.AsSpan(i))).CopyTo(outputs.AsSpan(i));
        return outputs[^1];
    }

    private interface ILanes
    {
        static abstract Vector256<double> Of(Vector256<double> x);
    }

    private readonly struct ExpLanes : ILanes
    {
        public static Vector256<double> Of(Vector256<double> x) => VectorMath.Exp(x);
    }

    private readonly struct Pow2Lanes : ILanes
    {
        public static Vector256<double> Of(Vector256<double> x) => VectorMath.Pow2(x);
    }
}
