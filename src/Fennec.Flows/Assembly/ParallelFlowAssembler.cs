using System.Collections.Concurrent;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Assembly;

/// <summary>
/// Flow assembly on several threads: packets are routed by their flow key's symmetric hash to partitions, each a
/// worker thread that owns its <see cref="FlowTable"/> (its share of the memory bound), so both directions of a flow
/// meet in the same table and no state is shared. Expiry runs on each flow's capture time, so every record is the
/// one a single table would give; only their order differs. The caller's thread keeps the clock of the whole input:
/// at a jump back past the idle timeout and at the end it sends every partition a marker with that clock, so flows
/// end for the same reasons as in one table. (Under memory pressure each partition evicts within its share of the
/// bound, which can differ from one table's choice.) Records reach the sink on the caller's thread, during
/// <see cref="Add"/> and <see cref="Flush"/>. Packets travel in pooled batches: no allocation per packet.
/// </summary>
public sealed class ParallelFlowAssembler : IFlowAssembler
{
    private const int BatchSize = 512;
    private const int BatchesPerWorker = 8;
    private readonly IFlowSink _sink;
    private readonly Partition[] _partitions;
    private readonly List<FlowRecord> _draining = [];
    private readonly long _idleNs;
    private long _clock = long.MinValue;
    private long _timeWentBack;
    private long _clockResets;
    private int _sinceDrain;
    private bool _finished;

    /// <summary>Starts <paramref name="partitions"/> worker threads.</summary>
    public ParallelFlowAssembler(IFlowSink sink, int partitions, FlowTableOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        options ??= new FlowTableOptions();
        options.Validate();
        _sink = sink;
        _idleNs = options.IdleTimeout.Ticks * 100;
        var share = options with { MemoryBound = Math.Max(1L << 20, options.MemoryBound / partitions) };
        _partitions = new Partition[partitions];
        // With one partition the worker is the only producer of records and may hand them to the sink itself.
        var direct = partitions == 1 ? sink : null;
        for (var i = 0; i < partitions; i++)
            _partitions[i] = new Partition(share, i, direct);
    }

    /// <inheritdoc />
    public FlowTableStatistics Statistics
    {
        get
        {
            // Time is judged on the whole input, as one table would: the partitions each see only part of it.
            var sum = FlowTableStatistics.Sum(_partitions.Select(p => p.Table.Statistics));
            sum.TimeWentBack = _timeWentBack;
            sum.ClockResets = _clockResets;
            return sum;
        }
    }

    /// <inheritdoc />
    public void Add(in DecodedPacket packet)
    {
        var now = packet.TimestampNs;
        if (now < _clock)
        {
            _timeWentBack++;
            if (_clock - now > _idleNs)
            {
                _clockResets++;
                foreach (var partition in _partitions)
                    partition.EndSegment(_clock);
                _clock = now;
            }
        }
        else
        {
            _clock = now;
        }

        // One partition needs no routing (a two-stage pipeline: this thread decodes, the worker assembles).
        var target = _partitions.Length == 1 ? 0 : (uint)FlowKeys.From(packet, out _).Hash % (uint)_partitions.Length;
        _partitions[target].Add(packet);
        if (++_sinceDrain == BatchSize)
        {
            _sinceDrain = 0;
            Drain();
        }
    }

    /// <inheritdoc />
    public void Flush()
    {
        if (_finished)
            return;
        _finished = true;
        foreach (var partition in _partitions)
            partition.Finish(_clock);
        foreach (var partition in _partitions)
            partition.Join();
        Drain();
    }

    /// <summary>Hands the records the workers have finished to the sink, on this thread.</summary>
    private void Drain()
    {
        foreach (var partition in _partitions)
        {
            partition.TakeRecords(_draining);
            foreach (var record in _draining)
                _sink.OnFlow(record);
            _draining.Clear();
        }
    }

    /// <summary>Stops the workers; records not yet delivered by <see cref="Flush"/> are dropped.</summary>
    public void Dispose()
    {
        if (!_finished)
        {
            _finished = true;
            foreach (var partition in _partitions)
                partition.Finish(_clock);
            foreach (var partition in _partitions)
                partition.Join();
        }

        foreach (var partition in _partitions)
            partition.Dispose();
    }

    /// <summary>One worker: its table, its batches in and its records out.</summary>
    private sealed class Partition : IFlowSink, IDisposable
    {
        private readonly BlockingCollection<Batch> _full = new(BatchesPerWorker);
        private readonly BlockingCollection<Batch> _free = new();
        private readonly Thread _thread;
        private readonly List<FlowRecord> _records = [];
        private Batch _current;
        private Exception? _failure;

        public Partition(FlowTableOptions options, int index, IFlowSink? direct)
        {
            Table = new FlowTable(direct ?? this, options);
            for (var i = 0; i < BatchesPerWorker + 2; i++)
                _free.Add(new Batch());
            _current = _free.Take();
            _thread = new Thread(Run) { IsBackground = true, Name = $"fennec-flows-{index}" };
            _thread.Start();
        }

        public FlowTable Table { get; }

        public void Add(in DecodedPacket packet)
        {
            _current.Packets[_current.Count++] = packet;
            if (_current.Count == BatchSize)
            {
                _full.Add(_current);
                _current = _free.Take();
            }
        }

        /// <summary>Sends what is batched, then a marker that ends the segment at <paramref name="clock"/>.</summary>
        public void EndSegment(long clock)
        {
            _full.Add(_current);
            var marker = _free.Take();
            marker.EndsSegmentAt = clock;
            _full.Add(marker);
            _current = _free.Take();
        }

        /// <summary>Sends the last batch, marked to end the input at <paramref name="clock"/>.</summary>
        public void Finish(long clock)
        {
            _current.EndsSegmentAt = clock;
            _full.Add(_current);
            _full.CompleteAdding();
        }

        public void Join()
        {
            _thread.Join();
            if (_failure is not null)
                throw new InvalidOperationException("a flow partition failed", _failure);
        }

        /// <summary>Called by the table on the worker thread.</summary>
        public void OnFlow(in FlowRecord record)
        {
            lock (_full)
                _records.Add(record);
        }

        /// <summary>Moves the finished records into <paramref name="into"/>.</summary>
        public void TakeRecords(List<FlowRecord> into)
        {
            lock (_full)
            {
                into.AddRange(_records);
                _records.Clear();
            }
        }

        private void Run()
        {
            try
            {
                foreach (var batch in _full.GetConsumingEnumerable())
                {
                    for (var i = 0; i < batch.Count; i++)
                        Table.Add(batch.Packets[i]);
                    if (batch.EndsSegmentAt is { } clock)
                        Table.EndSegment(clock);
                    batch.Count = 0;
                    batch.EndsSegmentAt = null;
                    _free.Add(batch);
                }
            }
            catch (Exception e)
            {
                _failure = e;
                while (_full.TryTake(out _))
                {
                }
            }
        }

        public void Dispose()
        {
            _full.Dispose();
            _free.Dispose();
        }
    }

    private sealed class Batch
    {
        public readonly DecodedPacket[] Packets = new DecodedPacket[BatchSize];
        public int Count;

        /// <summary>When set, the segment ends at this capture time once the batch's packets are added.</summary>
        public long? EndsSegmentAt;
    }
}
