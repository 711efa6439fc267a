using BenchmarkDotNet.Attributes;
using Fennec.Packets.Decoding;

namespace Fennec.Benchmarks;

/// <summary>Header decoding of real frames held in memory; results are per packet.</summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    /// <summary>Frames decoded by one operation.</summary>
    public const int Frames = 4096;

    private FrameSet _frames = null!;
    private DecodeStatistics _statistics = null!;

    [Params(FrameMix.Mixed, FrameMix.IPv4Tcp, FrameMix.IPv4Udp, FrameMix.IPv6, FrameMix.Encapsulated)]
    public FrameMix Mix { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _frames = FrameSet.Load(FrameSet.Captures(Mix), Frames);
        _statistics = new DecodeStatistics();
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public long Decode()
    {
        var frames = _frames;
        long sum = 0;
        for (var i = 0; i < Frames; i++)
        {
            PacketDecoder.Decode(frames.Frame(i), frames.LinkTypes[i], frames.Timestamps[i], frames.Lengths[i], 0, out var packet);
            sum += packet.PayloadOffset + packet.DstPort;
        }

        return sum;
    }

    /// <summary>What <c>fennec decode --count</c> does per packet: decode, then add to the totals.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public long DecodeAndCount()
    {
        var frames = _frames;
        var statistics = _statistics;
        for (var i = 0; i < Frames; i++)
        {
            PacketDecoder.Decode(frames.Frame(i), frames.LinkTypes[i], frames.Timestamps[i], frames.Lengths[i], 0, out var packet);
            statistics.Add(packet);
        }

        return statistics.Packets;
    }
}
