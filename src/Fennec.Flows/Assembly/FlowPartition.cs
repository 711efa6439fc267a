using Fennec.Packets.Decoding;

namespace Fennec.Flows.Assembly;

/// <summary>
/// One of several tables that share the flows of one input by a symmetric hash of the flow key, so both directions of
/// a flow meet in the same table. Every partition is given every packet: it counts the ones it owns and lets the
/// others only move its clock, so flows end exactly as they would in one table (idle and active timeouts, jumps back
/// in time), and the partitions' records together are one table's. Each partition is single-threaded and is meant
/// to run on its own thread, reading the input itself: handing packets from core to core cost more than decoding
/// them twice (see the README's figures). Under memory pressure each evicts within its share of the bound, which can
/// differ from one table's choice.
/// </summary>
public sealed class FlowPartition : IFlowAssembler
{
    private readonly FlowTable _table;
    private readonly uint _index;
    private readonly uint _count;

    /// <summary>Creates partition <paramref name="index"/> of <paramref name="count"/>, with its share of the memory bound.</summary>
    public FlowPartition(IFlowSink sink, int index, int count, FlowTableOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        options ??= new FlowTableOptions();
        _table = new FlowTable(sink, options with { MemoryBound = Math.Max(1L << 20, options.MemoryBound / count) });
        _index = (uint)index;
        _count = (uint)count;
    }

    /// <summary>
    /// This partition's counters. Packets, bytes and flows are its own; the clock's counters (time going back, jumps
    /// past the idle timeout) are the whole input's, the same in every partition.
    /// </summary>
    public FlowTableStatistics Statistics => _table.Statistics;

    /// <inheritdoc />
    public void Add(in DecodedPacket packet)
    {
        _table.Advance(packet.TimestampNs);
        var key = FlowKeys.From(packet, out var sourceIsA);
        if ((uint)key.Hash % _count == _index)
            _table.AddOwned(packet, key, sourceIsA);
    }

    /// <inheritdoc />
    public void Flush() => _table.Flush();

    /// <summary>
    /// The counters of a whole set of partitions: their own counts summed, the clock's counters taken once.
    /// </summary>
    public static FlowTableStatistics Combine(IReadOnlyList<FlowTableStatistics> partitions)
    {
        var sum = FlowTableStatistics.Sum(partitions);
        sum.TimeWentBack = partitions.Count == 0 ? 0 : partitions[0].TimeWentBack;
        sum.ClockResets = partitions.Count == 0 ? 0 : partitions[0].ClockResets;
        return sum;
    }

    /// <inheritdoc />
    public void Dispose() => _table.Dispose();
}
