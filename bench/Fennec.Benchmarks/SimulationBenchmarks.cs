using BenchmarkDotNet.Attributes;
using Fennec.Packets.Capture;
using Fennec.Simulation;

namespace Fennec.Benchmarks;

/// <summary>
/// <c>fennec simulate</c>'s generator: one simulated office hour (Monday 10:00, 20 hosts, no attack) generated,
/// sorted, built into frames with checksums and written as pcap into <see cref="Stream.Null"/>. One operation is the
/// whole hour; divide by the packets it returns for a per-packet figure. Needs no corpus.
/// </summary>
[MemoryDiagnoser]
public class SimulationBenchmarks
{
    private TrafficSimulator _simulator = null!;
    private PcapWriter _writer = null!;

    /// <summary>The normal traffic's rate multiplier.</summary>
    [Params(1.0, 5.0)]
    public double Intensity { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _simulator = new TrafficSimulator(new SimulationOptions
        {
            Hours = 1,
            Start = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero),
            Attacks = [],
            Intensity = Intensity,
        });
        _writer = new PcapWriter(Stream.Null);
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    [Benchmark]
    public long OneOfficeHour() => _simulator.Run(_writer).Packets;
}
