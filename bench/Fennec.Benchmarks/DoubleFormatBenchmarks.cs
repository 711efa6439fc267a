using System.Globalization;
using BenchmarkDotNet.Attributes;
using Fennec.Packets.Text;

namespace Fennec.Benchmarks;

/// <summary>
/// .NET's <c>TryFormat(..., "R")</c> into UTF-8 against <see cref="ShortestDouble"/>, which writes the same bytes.
/// </summary>
/// <remarks>
/// Per value over 1,024 doubles of the kinds our CSV and JSON Lines outputs carry: anomaly scores around 0.01..10,
/// probabilities 1e-9..1, capture timestamps near 1.5e9 s with six decimals, and feature values (counts, sizes, means,
/// variances).
/// </remarks>
[MemoryDiagnoser]
public class DoubleFormatBenchmarks
{
    private const int Values = 1_024;
    private readonly byte[] _buffer = new byte[32];
    private readonly double[] _values = new double[Values];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        for (var i = 0; i < Values; i++)
        {
            _values[i] = (i % 4) switch
            {
                0 => 0.01 * Math.Pow(1_000, random.NextDouble()),
                1 => Math.Pow(10, -9 * random.NextDouble()),
                2 => Math.Round(1.5e9 + (random.NextDouble() * 1e8), 6),
                _ => (i / 4 % 4) switch
                {
                    0 => random.Next(1, 1_500),
                    1 => random.NextDouble() * 1_500,
                    2 => Math.Pow(random.NextDouble() * 500, 2),
                    _ => Math.Round(random.NextDouble() * 100, 2),
                },
            };
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Values)]
    public int DotNetR()
    {
        var buffer = _buffer;
        var total = 0;
        foreach (var value in _values)
        {
            value.TryFormat(buffer, out var n, "R", CultureInfo.InvariantCulture);
            total += n;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public int Shortest()
    {
        var buffer = _buffer;
        var total = 0;
        foreach (var value in _values)
            total += ShortestDouble.Format(value, buffer);
        return total;
    }
}
