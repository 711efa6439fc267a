using BenchmarkDotNet.Attributes;
using Fennec.Flows.Assembly;
using Fennec.Packets.Decoding;

namespace Fennec.Benchmarks;

/// <summary>
/// The flow table in steady state, per packet: real packets decoded once at setup, fed to one table pass after pass.
/// Each pass is shifted past the idle timeout, so the previous pass's flows expire and their entries are reused:
/// what is measured is lookup, creation, accounting and expiry, with no growth and no allocation.
/// </summary>
[MemoryDiagnoser]
public class FlowTableBenchmarks
{
    /// <summary>Packets added by one operation.</summary>
    public const int Packets = 16_384;

    private DecodedPacket[] _packets = null!;
    private FlowTable _table = null!;
    private long _pass;
    private long _span;

    private sealed class CountingSink : IFlowSink
    {
        public long Records;

        public void OnFlow(in FlowRecord record) => Records += record.Packets;
    }

    [Params(FrameMix.Mixed, FrameMix.IPv4Tcp)]
    public FrameMix Mix { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var frames = FrameSet.Load(FrameSet.Captures(Mix), Packets);
        _packets = new DecodedPacket[Packets];
        var first = long.MaxValue;
        var last = long.MinValue;
        for (var i = 0; i < Packets; i++)
        {
            PacketDecoder.Decode(frames.Frame(i), frames.LinkTypes[i], frames.Timestamps[i], frames.Lengths[i], 0, out _packets[i]);
            first = Math.Min(first, _packets[i].TimestampNs);
            last = Math.Max(last, _packets[i].TimestampNs);
        }

        var options = new FlowTableOptions();
        _span = last - first + (options.IdleTimeout.Ticks * 100) + 1_000_000_000;
        _table = new FlowTable(new CountingSink(), options);
    }

    [Benchmark(OperationsPerInvoke = Packets)]
    public int Add()
    {
        var packets = _packets;
        var shift = ++_pass * _span;
        var table = _table;
        for (var i = 0; i < packets.Length; i++)
        {
            var p = packets[i];
            p.TimestampNs += shift;
            table.Add(p);
        }

        return table.Count;
    }
}
