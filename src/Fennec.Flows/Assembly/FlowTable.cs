using System.Runtime.CompilerServices;
using Fennec.Packets.Decoding;
using Fennec.Packets.Memory;

namespace Fennec.Flows.Assembly;

/// <summary>
/// Assembles decoded packets into bidirectional flows on capture time. Flows end by idle timeout, by active timeout
/// (the flow goes on in a new record), after FIN from both sides or a RST plus a short linger, at the end of input,
/// or by eviction of the least recently seen flow once the table reaches its memory bound. The table starts small
/// and grows by itself. Single-threaded: one table per partition. No allocation per packet in steady state.
/// </summary>
public sealed partial class FlowTable : IFlowAssembler
{
    private const int Empty = -1;
    private IFlowSink _sink;
    private readonly long _idleNs;
    private readonly long _activeNs;
    private readonly long _lingerNs;
    private readonly int _maxFlows;
    private FlowEntry[] _entries;
    private int[] _slots;
    private int _slotMask;
    private int _freeHead = Empty;
    private int _used;
    private int _count;
    private long _clock = long.MinValue;

    // Recency lists: newest at the head, oldest at the tail; one for open flows, one for flows lingering after close.
    private int _openNewest = Empty, _openOldest = Empty, _closingNewest = Empty, _closingOldest = Empty;

    /// <summary>Creates a table that hands finished records to <paramref name="sink"/>.</summary>
    public FlowTable(IFlowSink sink, FlowTableOptions? options = null)
    {
        options ??= new FlowTableOptions();
        options.Validate();
        Options = options;
        _sink = sink;
        _idleNs = options.IdleTimeout.Ticks * 100;
        _activeNs = options.ActiveTimeout.Ticks * 100;
        _lingerNs = options.CloseLinger.Ticks * 100;
        var perFlow = Unsafe.SizeOf<FlowEntry>() + (2 * sizeof(int));
        _maxFlows = (int)Math.Clamp(options.MemoryBound / perFlow, 1024, 1 << 28);
        Statistics = new FlowTableStatistics { MaxFlows = _maxFlows };
        var initial = Math.Min(4096, _maxFlows);
        _entries = new FlowEntry[initial];
        Prefault.Pages(_entries); // about 1 MiB that the first few thousand flows write page by page otherwise
        _slots = NewSlots(initial, out _slotMask);
    }

    /// <summary>The options in force.</summary>
    public FlowTableOptions Options { get; }

    /// <summary>Counters.</summary>
    public FlowTableStatistics Statistics { get; private set; }

    /// <summary>Flows held now.</summary>
    public int Count => _count;

    /// <summary>The newest capture time seen (ns).</summary>
    public long Clock => _clock;

    /// <summary>Adds one decoded packet: expires what its time ends, then counts it into its flow.</summary>
    public void Add(in DecodedPacket p)
    {
        Advance(p.TimestampNs);
        var key = FlowKeys.From(p, out var sourceIsA);
        AddOwned(p, key, sourceIsA);
    }

    /// <summary>
    /// Moves the clock to a packet's capture time <paramref name="now"/> and expires what that time ends, without
    /// counting the packet. A partition calls it for the packets other partitions own, so its clock, and the reasons
    /// its flows end, are those of one table given every packet.
    /// </summary>
    internal void Advance(long now)
    {
        if (now < _clock)
        {
            Statistics.TimeWentBack++;
            if (_clock - now > _idleNs)
            {
                // A jump back past the idle timeout starts a new segment (concatenated captures): the flows of the
                // segment before have ended with it, and the clock follows the new one.
                Statistics.ClockResets++;
                Flush();
                _clock = now;
            }
        }
        else
        {
            _clock = now;
        }

        ExpireUntil(_clock);
    }

    /// <summary>Counts a packet, whose time <see cref="Advance"/> has seen, into its flow.</summary>
    internal void AddOwned(in DecodedPacket p, in FlowKey key, bool sourceIsA)
    {
        var now = p.TimestampNs;
        Statistics.Packets++;
        Statistics.Bytes += p.WireLength;
        var index = Find(key);
        if (index != Empty && _entries[index].Closing && IsConnectionAttempt(p))
        {
            // A new SYN on a connection that already closed or reset is a new connection (port reuse), as in Zeek.
            Remove(index, ClosedReason(_entries[index]));
            index = Empty;
        }

        if (index == Empty)
            index = Create(key, p, sourceIsA);
        ref var entry = ref _entries[index];
        var forward = sourceIsA == entry.AIsInitiator;

        if (now - entry.Record.FirstNs >= _activeNs && entry.Record.Packets > 0)
        {
            Emit(ref entry, FlowEndReason.ActiveTimeout);
            Statistics.ActiveTimeouts++;
            Restart(ref entry);
        }

        Account(ref entry, p, forward, now);
        Touch(index, ref entry);
    }

    /// <summary>
    /// Emits every flow still held, oldest first: those already closed by FIN or RST as such, the rest as ended by
    /// the end of input.
    /// </summary>
    public void Flush()
    {
        while (_closingOldest != Empty)
            Remove(_closingOldest, ClosedReason(_entries[_closingOldest]));
        while (_openOldest != Empty)
            Remove(_openOldest, FlowEndReason.EndOfInput);
    }

    /// <summary>Ends flows whose idle timeout or close linger has passed at capture time <paramref name="now"/>.</summary>
    public void ExpireUntil(long now)
    {
        while (_openOldest != Empty && now - _entries[_openOldest].Record.LastNs >= _idleNs)
            Remove(_openOldest, FlowEndReason.Idle);
        while (_closingOldest != Empty && now - _entries[_closingOldest].Record.LastNs >= _lingerNs)
            Remove(_closingOldest, ClosedReason(_entries[_closingOldest]));
    }

    /// <summary>
    /// Starts over as a new table would, for packets that have nothing to do with those before: the clock and the
    /// counters restart (<see cref="Statistics"/> is a new object) and records go to <paramref name="sink"/>, but the
    /// table keeps the memory it has grown. A run short enough to be one of several parts of a file costs less than
    /// the first touch of a new table's pages.
    /// </summary>
    /// <exception cref="InvalidOperationException">The table still holds flows.</exception>
    internal void StartOver(IFlowSink sink)
    {
        if (_count != 0)
            throw new InvalidOperationException("A flow table starts over only when it holds no flow.");
        _sink = sink;
        _clock = long.MinValue;
        Statistics = new FlowTableStatistics { MaxFlows = _maxFlows };
    }

    /// <summary>Nothing to release: the table holds only managed memory.</summary>
    public void Dispose()
    {
    }

    private static bool IsConnectionAttempt(in DecodedPacket p) =>
        p.Protocol == IpProtocol.Tcp && p.HasPorts && (p.TcpFlags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn;

    private static FlowEndReason ClosedReason(in FlowEntry entry) =>
        entry.Record.Forward.RstCount + entry.Record.Reverse.RstCount > 0 ? FlowEndReason.Rst : FlowEndReason.Fin;

    private void Emit(ref FlowEntry entry, FlowEndReason reason)
    {
        entry.Record.EndReason = reason;
        entry.Record.State = ConnectionStates.Of(entry.Record);
        Statistics.RecordsEmitted++;
        _sink.OnFlow(entry.Record);
    }

    /// <summary>Starts the next record of a flow cut by the active timeout: same endpoints, fresh counters.</summary>
    private static void Restart(ref FlowEntry entry)
    {
        ref var r = ref entry.Record;
        r.Forward = default;
        r.Reverse = default;
        r.History = default;
        r.FirstNs = long.MaxValue;
        r.LastNs = long.MinValue;
        r.Sequence++;
    }
}
