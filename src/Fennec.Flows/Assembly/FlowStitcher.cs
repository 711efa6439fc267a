using Fennec.Packets.Decoding;

namespace Fennec.Flows.Assembly;

/// <summary>
/// Pairs the two directions of flows that telemetry reports separately (NetFlow, most IPFIX exporters, flows rebuilt
/// from sFlow) into the bidirectional records the rest of Fennec works with. Feed one-way records in order of first
/// packet with <see cref="Add"/>: a record waits up to <see cref="Hold"/> of input time for the opposite direction of
/// the same 5-tuple; paired, it becomes one record whose initiator is the side that started first (on a tie, the
/// side sending to the lower port, the service); unpaired, it is passed on alone. Records that already carry both
/// directions (RFC 5103 biflows) pass straight through. Pending records are bounded by <see cref="MaxPending"/>;
/// beyond it the oldest is passed on alone and counted. Nothing is dropped: every record added comes out, alone or
/// in a pair, by the time <see cref="Flush"/> returns.
/// </summary>
public sealed class FlowStitcher
{
    private readonly IFlowSink _sink;
    private readonly long _holdNs;
    private readonly Dictionary<Key, Pending> _pending = [];
    private readonly Queue<(Key Key, long Serial, long FirstNs)> _order = new();
    private long _serial;
    private long _lastFirstNs = long.MinValue;

    /// <summary>Creates a stitcher that hands every record, paired or alone, to <paramref name="sink"/>.</summary>
    public FlowStitcher(IFlowSink sink, TimeSpan? hold = null, int maxPending = 262_144)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPending, 1);
        Hold = hold ?? TimeSpan.FromMinutes(1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Hold, TimeSpan.Zero);
        _sink = sink;
        _holdNs = (long)Hold.TotalMicroseconds * 1000;
        MaxPending = maxPending;
    }

    /// <summary>How long (in input time) a one-way record waits for its opposite direction.</summary>
    public TimeSpan Hold { get; }

    /// <summary>The most one-way records that wait at once.</summary>
    public int MaxPending { get; }

    /// <summary>Records added.</summary>
    public long Added { get; private set; }

    /// <summary>Pairs of one-way records joined into one bidirectional record.</summary>
    public long Paired { get; private set; }

    /// <summary>One-way records passed on alone because no opposite direction came within the hold.</summary>
    public long Unpaired { get; private set; }

    /// <summary>Records that arrived with both directions already (RFC 5103 biflows) and passed straight through.</summary>
    public long Bidirectional { get; private set; }

    /// <summary>Of <see cref="Unpaired"/>, those passed on early because <see cref="MaxPending"/> were waiting.</summary>
    public long Evicted { get; private set; }

    /// <summary>Records that arrived earlier than one already added (the input should be in order of first packet).</summary>
    public long OutOfOrder { get; private set; }

    /// <summary>Adds one record; <see cref="FlowRecord.Reverse"/> empty means a one-way record waiting for its pair.</summary>
    public void Add(in FlowRecord record)
    {
        Added++;
        if (record.FirstNs < _lastFirstNs)
            OutOfOrder++;
        else
            _lastFirstNs = record.FirstNs;
        Expire(_lastFirstNs - _holdNs);

        if (record.Reverse.Packets > 0 || record.IsMacFlow)
        {
            Bidirectional++;
            _sink.OnFlow(record);
            return;
        }

        var key = Key.Of(record);
        if (_pending.Remove(key, out var waiting))
        {
            if (IsOpposite(waiting.Record, record))
            {
                Paired++;
                var joined = Join(waiting.Record, record);
                _sink.OnFlow(joined);
                return;
            }

            // The same direction again (a flow cut by the exporter's active timeout): the earlier part goes on alone.
            PassAlone(waiting.Record);
        }

        _pending[key] = new Pending(record, ++_serial);
        _order.Enqueue((key, _serial, record.FirstNs));
        if (_pending.Count > MaxPending)
        {
            Evicted++;
            EvictOldest();
        }
    }

    /// <summary>Passes on every record still waiting, alone.</summary>
    public void Flush() => Expire(long.MaxValue);

    private void Expire(long cutoffNs)
    {
        while (_order.TryPeek(out var next) && next.FirstNs < cutoffNs)
            EvictOldest();
    }

    private void EvictOldest()
    {
        while (_order.TryDequeue(out var next))
        {
            // Entries of records already paired or replaced are stale: their serial no longer matches.
            if (_pending.TryGetValue(next.Key, out var waiting) && waiting.Serial == next.Serial)
            {
                _pending.Remove(next.Key);
                PassAlone(waiting.Record);
                return;
            }
        }
    }

    private void PassAlone(in FlowRecord record)
    {
        Unpaired++;
        _sink.OnFlow(record);
    }

    private static bool IsOpposite(in FlowRecord a, in FlowRecord b) =>
        a.SrcIp == b.DstIp && a.DstIp == b.SrcIp && (IsIcmp(a.Protocol) || (a.SrcPort == b.DstPort && a.DstPort == b.SrcPort));

    /// <summary>One record of two opposite one-way records, seen from the side that began (or, on a tie, the client).</summary>
    private static FlowRecord Join(in FlowRecord earlier, in FlowRecord later)
    {
        var laterBegan = later.FirstNs == earlier.FirstNs && !IsIcmp(later.Protocol) && later.DstPort < earlier.DstPort;
        var joined = laterBegan ? later : earlier;
        joined.Reverse = laterBegan ? earlier.Forward : later.Forward;
        joined.FirstNs = Math.Min(earlier.FirstNs, later.FirstNs);
        joined.LastNs = Math.Max(earlier.LastNs, later.LastNs);
        return joined;
    }

    private static bool IsIcmp(byte protocol) => protocol is 1 or 58;

    private readonly record struct Pending(FlowRecord Record, long Serial);

    /// <summary>The 5-tuple and VLAN with its ends in a fixed order, so both directions find the same key; ICMP by addresses only (a reply's type differs from the request's).</summary>
    private readonly record struct Key(IpAddress Low, IpAddress High, ushort LowPort, ushort HighPort, byte Protocol, ushort Vlan)
    {
        public static Key Of(in FlowRecord record)
        {
            var icmp = IsIcmp(record.Protocol);
            var srcPort = icmp ? (ushort)0 : record.SrcPort;
            var dstPort = icmp ? (ushort)0 : record.DstPort;
            var (src, dst) = (record.SrcIp, record.DstIp);
            var srcFirst = src.High != dst.High ? src.High < dst.High : src.Low != dst.Low ? src.Low < dst.Low : srcPort <= dstPort;
            return srcFirst
                ? new Key(record.SrcIp, record.DstIp, srcPort, dstPort, record.Protocol, record.Vlan)
                : new Key(record.DstIp, record.SrcIp, dstPort, srcPort, record.Protocol, record.Vlan);
        }
    }
}
