using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Fennec.Detection.Numerics;

namespace Fennec.Benchmarks;

/// <summary>
/// exp per value over 1,024 arguments in KitNET's sigmoid range (±4): the C library's scalar exp through
/// <see cref="Math.Exp"/> against <see cref="VectorExp"/>, which gives the same bits four at a time.
/// </summary>
[MemoryDiagnoser]
public class VectorExpBenchmarks
{
    private const int Values = 1_024;
    private readonly double[] _inputs = new double[Values];
    private readonly double[] _outputs = new double[Values];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        for (var i = 0; i < Values; i++)
            _inputs[i] = (random.NextDouble() - 0.5) * 8;
        if (!VectorExp.IsExact)
            Console.WriteLine("// VectorExp is not exact on this machine: KitNET uses Math.Exp");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Values)]
    public double Scalar()
    {
        var inputs = _inputs;
        var outputs = _outputs;
        for (var i = 0; i < inputs.Length; i++)
            outputs[i] = Math.Exp(inputs[i]);
        return outputs[^1];
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public double Vector()
    {
        var inputs = _inputs.AsSpan();
        var outputs = _outputs.AsSpan();
        for (var i = 0; i < inputs.Length; i += Vector256<double>.Count)
            VectorExp.Exp(Vector256.Create(inputs[i..])).CopyTo(outputs[i..]);
        return outputs[^1];
    }
}
