using Fennec.Flows.Collection;
using Fennec.Packets.Decoding;

namespace Fennec.Storage.Tests;

public sealed class FlowWriterTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Buffered_rows_are_stored_when_the_writer_or_else_the_store_is_disposed(bool disposeWriter)
    {
        using var temp = new TempStore();
        var path = temp.File();
        long run;
        using (var store = FennecStore.Open(path))
        {
            run = store.BeginRun(TempStore.Run());
            var writer = store.CreateFlowWriter(run, "s");
            for (var i = 0; i < 17; i++)
                writer.Add(TempStore.Flow(i));
            store.CountFlows(run).Should().Be(0);
            if (disposeWriter)
            {
                writer.Dispose();
                writer.Written.Should().Be(17);
                store.CountFlows(run).Should().Be(17);
            }
        }

        using var reopened = FennecStore.Open(path);
        reopened.CountFlows(run).Should().Be(17);
    }

    [Theory]
    [InlineData(100, 64, 1037)]
    [InlineData(64, 64, 640)]
    [InlineData(10, 64, 99)]
    [InlineData(1000, 1, 2001)]
    [InlineData(1000, 7, 2001)]
    public void Every_row_is_stored_in_order_across_batch_and_statement_boundaries(int batchRows, int rowsPerStatement, int rows)
    {
        using var temp = new TempStore();
        using var store = FennecStore.Open(temp.File(), new StoreOptions { FlowBatchRows = batchRows });
        var run = store.BeginRun(TempStore.Run());
        var flows = Enumerable.Range(0, rows).Select(TempStore.Flow).ToArray();

        using (var writer = store.CreateFlowWriter(run, "s", rowsPerStatement))
        {
            foreach (var flow in flows)
                writer.Add(flow);
            writer.Written.Should().Be(rows / batchRows * batchRows, "full batches are committed as they fill");
        }

        store.ReadFlows(run).Should().Equal(flows);
    }

    [Fact]
    public void With_background_checkpoints_the_log_is_copied_back_while_writing_and_every_row_is_kept()
    {
        using var temp = new TempStore();
        var path = temp.File();
        long run;
        var flows = Enumerable.Range(0, 20_000).Select(TempStore.Flow).ToArray();
        using (var store = FennecStore.Open(path, new StoreOptions { CheckpointInBackground = true, FlowBatchRows = 1000 }))
        {
            run = store.BeginRun(TempStore.Run());
            using (var writer = store.CreateFlowWriter(run, "s"))
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                foreach (var flow in flows)
                    writer.Add(flow);
                // Passes run every 200 ms: wait for one to find the committed rows.
                while (store.BackgroundCheckpoints == 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
                    Thread.Sleep(50);
            }

            store.BackgroundCheckpoints.Should().BePositive();
            store.CheckpointFailure.Should().BeNull();
            store.ReadFlows(run).Should().Equal(flows);
        }

        File.Exists(path + "-wal").Should().BeFalse("closing the store checkpoints the rest and removes the log");
        using var reopened = FennecStore.Open(path);
        reopened.ReadFlows(run).Should().Equal(flows);
    }

    [Fact]
    public void Writers_on_several_threads_lose_nothing()
    {
        using var temp = new TempStore();
        using var store = FennecStore.Open(temp.File(), new StoreOptions { FlowBatchRows = 500 });
        var run = store.BeginRun(TempStore.Run());

        Parallel.For(0, 4, t =>
        {
            using var writer = store.CreateFlowWriter(run, $"sensor-{t}");
            for (var i = 0; i < 5_003; i++)
                writer.Add(TempStore.Flow(i));
        });

        store.CountFlows(run).Should().Be(4 * 5_003);
        store.ReadSensors(run).Should().Equal("sensor-0", "sensor-1", "sensor-2", "sensor-3");
    }

    [Fact]
    public void A_sensor_seen_again_keeps_its_row()
    {
        using var temp = new TempStore();
        using var store = FennecStore.Open(temp.File());
        var first = store.BeginRun(TempStore.Run());
        var second = store.BeginRun(TempStore.Run());

        using var a = store.CreateFlowWriter(first, "eth0");
        using var b = store.CreateFlowWriter(second, "eth0");
        using var c = store.CreateFlowWriter(second, "eth1");

        b.SensorId.Should().Be(a.SensorId);
        c.SensorId.Should().NotBe(a.SensorId);
    }

    [Fact]
    public void A_telemetry_record_becomes_a_row_with_scaled_counters()
    {
        var record = new TelemetryRecord
        {
            Protocol = TelemetryProtocol.Ipfix,
            Exporter = IpAddress.Parse("192.0.2.9"),
            FirstNs = 10,
            LastNs = 20,
            SrcIp = IpAddress.Parse("10.0.0.1"),
            DstIp = IpAddress.Parse("10.0.0.2"),
            SrcPort = 1234,
            DstPort = 53,
            IpProtocol = 17,
            TcpFlags = 0,
            Packets = 3,
            Bytes = 300,
            ReversePackets = 2,
            ReverseBytes = 150,
            SamplingRate = 100,
            SrcAs = 64500,
            DstAs = 64501,
            Vlan = 12,
        };

        var flow = StoredFlow.FromTelemetry(record);

        flow.PacketsFwd.Should().Be(300);
        flow.BytesFwd.Should().Be(30_000);
        flow.PacketsRev.Should().Be(200);
        flow.BytesRev.Should().Be(15_000);
        flow.SamplingRate.Should().Be(100);
        flow.Exporter.Should().Be(record.Exporter);
        (flow.SrcPort, flow.DstPort, flow.Protocol, flow.Vlan).Should().Be(((ushort)1234, (ushort)53, (byte)17, (ushort)12));
        (flow.SrcAsn, flow.DstAsn).Should().Be((64500u, 64501u));
        flow.State.Should().BeNull();

        var unsampled = StoredFlow.FromTelemetry(record with { SamplingRate = 0, IpProtocol = 1, DstPort = 0, IcmpTypeCode = 0x0800 });
        unsampled.PacketsFwd.Should().Be(3, "an unknown rate leaves the counters as carried");
        unsampled.SamplingRate.Should().Be(0);
        unsampled.DstPort.Should().Be(0x0800, "ICMP type and code go where NetFlow puts them");
    }

    [Fact]
    public void Adding_after_dispose_is_refused()
    {
        using var temp = new TempStore();
        using var store = FennecStore.Open(temp.File());
        var writer = store.CreateFlowWriter(store.BeginRun(TempStore.Run()), "s");
        writer.Dispose();

        var add = () => writer.Add(TempStore.Flow(0));

        add.Should().Throw<ObjectDisposedException>();
    }
}
