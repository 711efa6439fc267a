using Fennec.Flows.Collection;
using Fennec.Flows.Collection.Listening;
using Fennec.Packets.Decoding;
using Fennec.Storage;

namespace Fennec.Cli.Output;

/// <summary>
/// Stores collected flow records in a run of a <see cref="FennecStore"/>, one sensor (and flow writer) per exporter.
/// <c>fennec collect</c> puts a <see cref="QueuedBatchSink"/> in front of it, so one thread (the queue's) adds and
/// commits while the receive loops go on receiving; the lock only keeps <see cref="Rows"/> and <see cref="Summary"/>
/// consistent for other threads. A store error stops storing and is kept in <see cref="Failure"/>.
/// </summary>
public sealed class TelemetryStoreSink(FennecStore store, long runId) : ITelemetryBatchSink, IDisposable
{
    private readonly Dictionary<IpAddress, FlowWriter> _writers = [];
    private readonly Lock _lock = new();
    private long _rows;
    private long _packets;
    private long _firstNs = long.MaxValue;
    private long _lastNs = long.MinValue;

    /// <summary>The first store error, after which nothing more is stored; null while all is well.</summary>
    public StoreException? Failure { get; private set; }

    /// <summary>Records handed to the store (committed once <see cref="Flush"/> or <see cref="Dispose"/> returns).</summary>
    public long Rows
    {
        get
        {
            lock (_lock)
                return _rows;
        }
    }

    /// <inheritdoc />
    public void OnRecords(ReadOnlySpan<TelemetryRecord> records)
    {
        lock (_lock)
        {
            if (Failure is not null)
                return;
            try
            {
                foreach (ref readonly var record in records)
                {
                    var flow = StoredFlow.FromTelemetry(record);
                    WriterFor(record.Exporter).Add(flow);
                    _rows++;
                    _packets += flow.PacketsFwd + flow.PacketsRev;
                    _firstNs = Math.Min(_firstNs, flow.FirstNs);
                    _lastNs = Math.Max(_lastNs, flow.LastNs);
                }
            }
            catch (StoreException e)
            {
                Failure = e;
            }
        }
    }

    /// <summary>Commits what the writers buffer, so rows reach the file while collection goes on.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            if (Failure is not null)
                return;
            try
            {
                foreach (var writer in _writers.Values)
                    writer.Flush();
            }
            catch (StoreException e)
            {
                Failure = e;
            }
        }
    }

    /// <summary>The run's summary from what was stored.</summary>
    public RunSummary Summary(string status)
    {
        lock (_lock)
            return new RunSummary(status, _packets, _rows, _rows > 0 ? _firstNs : null, _rows > 0 ? _lastNs : null, DateTimeOffset.UtcNow);
    }

    /// <summary>Commits everything still buffered and closes the writers (the store stays open).</summary>
    public void Dispose()
    {
        Flush();
        lock (_lock)
        {
            foreach (var writer in _writers.Values)
            {
                try
                {
                    writer.Dispose();
                }
                catch (StoreException e)
                {
                    Failure ??= e;
                }
            }

            _writers.Clear();
        }
    }

    private FlowWriter WriterFor(IpAddress exporter)
    {
        if (!_writers.TryGetValue(exporter, out var writer))
            _writers[exporter] = writer = store.CreateFlowWriter(runId, exporter.ToString());
        return writer;
    }
}
