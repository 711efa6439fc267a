using Fennec.Cli.Output;
using Fennec.Flows.Collection;
using Fennec.Flows.Collection.Listening;
using Fennec.Packets.Decoding;
using Fennec.Storage;
using Microsoft.Data.Sqlite;

namespace Fennec.Cli.Tests.Output;

/// <summary>The store behind the collector's queue, as <c>fennec collect --db</c> wires them.</summary>
public sealed class TelemetryStoreSinkTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fennec-store-sink-").FullName;
    private readonly string _path;
    private readonly FennecStore _store;
    private readonly long _run;
    private readonly TelemetryStoreSink _sink;

    /// <summary>A store opened as collect opens it (checkpoints in the background), a run, and the sink.</summary>
    public TelemetryStoreSinkTests()
    {
        _path = Path.Combine(_folder, "collect.db");
        _store = FennecStore.Open(_path, new StoreOptions { CheckpointInBackground = true });
        _run = _store.BeginRun(new RunInfo("collect", [], DateTimeOffset.UnixEpoch, "test", "{}"));
        _sink = new TelemetryStoreSink(_store, _run);
    }

    [Fact]
    public void Every_record_queued_is_stored_in_order_per_exporter_once_the_queue_and_sink_are_disposed()
    {
        using (var queue = new QueuedBatchSink(_sink, _sink.Flush, new QueuedBatchSinkOptions { BatchRecords = 100, MaxQueuedRecords = 400 }))
        {
            queue.Start();
            var loops = new[] { 1u, 2u }.Select(e => new Thread(() => Send(queue, e, 10_000))).ToArray();
            foreach (var loop in loops)
                loop.Start();
            foreach (var loop in loops)
                loop.Join();
        }

        _sink.Dispose();

        _sink.Failure.Should().BeNull();
        _sink.Rows.Should().Be(20_000);
        var flows = _store.ReadFlows(_run);
        flows.Should().HaveCount(20_000);
        foreach (var exporter in flows.GroupBy(f => f.Exporter))
            exporter.Select(f => f.FirstNs).Should().Equal(Enumerable.Range(0, 10_000).Select(i => (long)i));
        _store.ReadSensors(_run).Should().Equal("0.0.0.1", "0.0.0.2");
        var summary = _sink.Summary("ok");
        (summary.Packets, summary.Flows, summary.CaptureFirstNs, summary.CaptureLastNs).Should().Be((20_000L * 3, 20_000L, (long?)0, (long?)9_999));
    }

    [Fact]
    public void A_store_error_stops_storing_is_reported_and_never_holds_the_receive_loops()
    {
        // Another connection makes every flow insert fail, as a full disk or a broken file would.
        using (var other = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            other.Open();
            using var trigger = other.CreateCommand();
            trigger.CommandText = "CREATE TRIGGER refuse BEFORE INSERT ON flows BEGIN SELECT RAISE(ABORT, 'no room for flows'); END";
            trigger.ExecuteNonQuery();
        }

        using (var queue = new QueuedBatchSink(_sink, _sink.Flush, new QueuedBatchSinkOptions { BatchRecords = 100, MaxQueuedRecords = 200 }))
        {
            queue.Start();
            var loop = new Thread(() => Send(queue, 1, 100_000));
            loop.Start();
            loop.Join(TimeSpan.FromSeconds(30)).Should().BeTrue("after the failure, records are taken and dropped, not held");
            queue.Failure.Should().BeNull("the sink keeps its store error to itself");
        }

        _sink.Dispose();

        _sink.Failure.Should().NotBeNull();
        _sink.Failure!.Message.Should().Contain(_path).And.Contain("no room for flows");
        _store.CountFlows(_run).Should().Be(0);
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Records numbered 0.. from one exporter, three packets each, in datagrams of 24.</summary>
    private static void Send(QueuedBatchSink queue, uint exporter, int records)
    {
        var datagram = new TelemetryRecord[24];
        for (var sent = 0; sent < records; sent += datagram.Length)
        {
            var count = Math.Min(datagram.Length, records - sent);
            for (var i = 0; i < count; i++)
            {
                datagram[i] = new TelemetryRecord
                {
                    Protocol = TelemetryProtocol.Ipfix,
                    Exporter = IpAddress.FromIPv4(exporter),
                    FirstNs = sent + i,
                    LastNs = sent + i,
                    SrcIp = IpAddress.FromIPv4(0x0A00_0001),
                    DstIp = IpAddress.FromIPv4(0x0A00_0002),
                    IpProtocol = 6,
                    IpVersion = 4,
                    Packets = 3,
                    Bytes = 120,
                    SamplingRate = 1,
                };
            }

            queue.OnRecords(datagram.AsSpan(0, count));
        }
    }
}
