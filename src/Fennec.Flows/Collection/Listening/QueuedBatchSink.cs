using System.Diagnostics;

namespace Fennec.Flows.Collection.Listening;

/// <summary>
/// Decouples the receive loops from a slow sink (a store that commits): the loops copy each datagram's records into
/// pooled batches, and one consumer thread hands the batches, in the order they were filled, to the target sink and
/// calls the idle callback (a commit) whenever the queue runs dry, at least every
/// <see cref="QueuedBatchSinkOptions.IdleInterval"/>, and on <see cref="Flush"/>. The target is only ever called from
/// that thread. When <see cref="QueuedBatchSinkOptions.MaxQueuedRecords"/> are queued, loops wait (their datagrams
/// wait in the socket buffer): nothing is dropped here, and the time spent waiting is counted. Batches are allocated
/// as needed and reused, so the steady state allocates nothing.
/// Create, <see cref="Start"/>, then <see cref="Dispose"/> (or <see cref="Complete"/> and dispose) once the loops
/// have stopped: everything queued is delivered and the idle callback runs one last time.
/// </summary>
public sealed class QueuedBatchSink : ITelemetryBatchSink, IDisposable
{
    private readonly ITelemetryBatchSink _target;
    private readonly Action? _idle;
    private readonly int _batchRecords;
    private readonly int _maxBatches;
    private readonly long _idleIntervalTicks;
    private readonly Thread _consumer;

    // Monitor (not Lock): producers, the consumer and flushers wait on it.
    private readonly object _gate = new();
    private readonly Queue<Batch> _full = new();
    private readonly Stack<Batch> _free = new();
    private Batch? _open;
    private int _allocated;
    private bool _completed;
    private bool _started;
    private long _sealed;
    private long _delivered;
    private long _idleThrough;
    private long _flushTarget;
    private long _blockedTicks;
    private long _blocks;
    private int _peakBatches;
    private Exception? _failure;

    /// <summary>Creates the queue in front of <paramref name="target"/>; no thread runs until <see cref="Start"/>.</summary>
    public QueuedBatchSink(ITelemetryBatchSink target, Action? idle = null, QueuedBatchSinkOptions? options = null)
    {
        options ??= new QueuedBatchSinkOptions();
        _target = target;
        _idle = idle;
        _batchRecords = Math.Max(1, options.BatchRecords);
        _maxBatches = Math.Max(2, options.MaxQueuedRecords / _batchRecords);
        _idleIntervalTicks = (long)(options.IdleInterval.TotalSeconds * Stopwatch.Frequency);
        _consumer = new Thread(Consume) { IsBackground = true, Name = "collect writer" };
    }

    /// <summary>The first exception the target or the idle callback threw; after it, records are taken and discarded.</summary>
    public Exception? Failure
    {
        get
        {
            lock (_gate)
                return _failure;
        }
    }

    /// <summary>How long receive loops waited, in all, for a free batch because the queue was full.</summary>
    public TimeSpan BlockedTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _blockedTicks));

    /// <summary>How many times a receive loop found the queue full and waited.</summary>
    public long Blocks => Interlocked.Read(ref _blocks);

    /// <summary>The most records the queue held at once, counted in whole batches (those filled, filling or being delivered).</summary>
    public long PeakQueuedRecords
    {
        get
        {
            lock (_gate)
                return (long)_peakBatches * _batchRecords;
        }
    }

    /// <summary>Starts the consumer thread.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_started)
                return;
            _started = true;
        }

        _consumer.Start();
    }

    /// <inheritdoc />
    /// <remarks>Copies the records; waits while the queue is full. Throws once <see cref="Complete"/> was called.</remarks>
    public void OnRecords(ReadOnlySpan<TelemetryRecord> records)
    {
        if (records.IsEmpty)
            return;
        lock (_gate)
        {
            if (_completed)
                throw new InvalidOperationException("records arrived after the queue was completed");
            while (!records.IsEmpty)
            {
                if (_open is null || _open.Count == _batchRecords)
                {
                    Seal();
                    WaitForFreeBatch();
                    // Another loop may have opened a batch while this one waited.
                    _open ??= TakeFree();
                    continue;
                }

                var count = Math.Min(records.Length, _batchRecords - _open.Count);
                records[..count].CopyTo(_open.Records.AsSpan(_open.Count));
                _open.Count += count;
                records = records[count..];
            }

            // Wakes the consumer if it waits for data; cheap when nobody waits.
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Waits until every record queued before the call has reached the target and the idle callback has run after
    /// it (so a store has committed them). Returns at once if the consumer has stopped.
    /// </summary>
    public void Flush()
    {
        lock (_gate)
        {
            Seal();
            var target = _sealed;
            _flushTarget = Math.Max(_flushTarget, target);
            Monitor.PulseAll(_gate);
            while (_idleThrough < target && _started && _consumer.IsAlive)
                Monitor.Wait(_gate, 100);
        }
    }

    /// <summary>Takes no more records; the consumer delivers what is queued, runs the idle callback and ends.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Seal();
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Completes the queue and waits for the consumer to deliver everything (call after the loops stop).</summary>
    public void Dispose()
    {
        Complete();
        bool started;
        lock (_gate)
            started = _started;
        if (started)
            _consumer.Join();
    }

    private void Consume()
    {
        var lastIdle = Stopwatch.GetTimestamp();
        while (true)
        {
            Batch? batch;
            bool idle;
            lock (_gate)
            {
                while (true)
                {
                    if (_full.Count > 0)
                    {
                        batch = _full.Dequeue();
                        idle = false;
                        break;
                    }

                    if (_open is { Count: > 0 })
                    {
                        // Nothing full waits: take the partly filled batch rather than let its records sit.
                        Seal();
                        continue;
                    }

                    // The queue is dry: commit what was delivered since the last idle call (or what a flush waits for).
                    if (_delivered > _idleThrough || _flushTarget > _idleThrough)
                    {
                        batch = null;
                        idle = true;
                        break;
                    }

                    if (_completed)
                        return;
                    Monitor.Wait(_gate, 100);
                }
            }

            if (batch is not null)
            {
                Deliver(batch);
                lock (_gate)
                {
                    _delivered++;
                    batch.Count = 0;
                    _free.Push(batch);
                    // Due now: a flush waits for this batch, or records kept coming for a whole interval.
                    idle = (_flushTarget > _idleThrough && _delivered >= _flushTarget)
                           || Stopwatch.GetTimestamp() - lastIdle >= _idleIntervalTicks;
                    Monitor.PulseAll(_gate);
                }
            }

            if (idle)
            {
                long through;
                lock (_gate)
                    through = _delivered;
                RunIdle();
                lastIdle = Stopwatch.GetTimestamp();
                lock (_gate)
                {
                    _idleThrough = through;
                    Monitor.PulseAll(_gate);
                }
            }
        }
    }

    private void Deliver(Batch batch)
    {
        if (Failure is not null)
            return;
        try
        {
            _target.OnRecords(batch.Records.AsSpan(0, batch.Count));
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private void RunIdle()
    {
        if (_idle is null || Failure is not null)
            return;
        try
        {
            _idle();
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private void Fail(Exception e)
    {
        lock (_gate)
            _failure ??= e;
    }

    /// <summary>Moves the open batch, if it holds records, to the full queue. Called under the gate.</summary>
    private void Seal()
    {
        if (_open is not { Count: > 0 })
            return;
        _full.Enqueue(_open);
        _open = null;
        _sealed++;
        _peakBatches = Math.Max(_peakBatches, _allocated - _free.Count);
    }

    /// <summary>Waits, counting the time, until a batch is free or may be allocated. Called under the gate.</summary>
    private void WaitForFreeBatch()
    {
        if (_free.Count > 0 || _allocated < _maxBatches || _open is not null)
            return;
        var start = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _blocks);
        while (_free.Count == 0 && _allocated >= _maxBatches && _open is null)
            Monitor.Wait(_gate);
        Interlocked.Add(ref _blockedTicks, Stopwatch.GetTimestamp() - start);
    }

    private Batch TakeFree()
    {
        if (_free.TryPop(out var batch))
            return batch;
        _allocated++;
        return new Batch(_batchRecords);
    }

    /// <summary>A reusable array of records and how many it holds.</summary>
    private sealed class Batch(int capacity)
    {
        public readonly TelemetryRecord[] Records = new TelemetryRecord[capacity];
        public int Count;
    }
}
