namespace Fennec.Storage.Tests;

/// <summary>Reading a run's flows back in order of first packet, streamed, and the time the run's flows span.</summary>
public sealed class FlowReadTests
{
    [Fact]
    public void Flows_written_out_of_order_are_streamed_back_by_first_packet_and_only_for_their_run()
    {
        using var temp = new TempStore();
        using var store = FennecStore.Open(temp.File());
        var run = store.BeginRun(TempStore.Run());
        var other = store.BeginRun(TempStore.Run());
        // Exporters report flows when they end, so rows arrive in an order unrelated to their start.
        var flows = Enumerable.Range(0, 500).Select(TempStore.Flow).OrderBy(f => (f.FirstNs * 7919) % 1_000_003).ToArray();
        using (var writer = store.CreateFlowWriter(run, "s"))
        {
            foreach (var flow in flows)
                writer.Add(flow);
        }
        using (var writer = store.CreateFlowWriter(other, "s"))
            writer.Add(TempStore.Flow(1_000));

        var read = new List<StoredFlow>();
        var rows = store.ReadFlowsByTime(run, (in StoredFlow f) => read.Add(f));

        rows.Should().Be(500);
        read.Should().Equal(flows.OrderBy(f => f.FirstNs));
        store.ReadFlowSpan(run).Should().Be((flows.Min(f => f.FirstNs), flows.Max(f => f.LastNs)));
    }

    [Fact]
    public void A_run_without_flows_has_no_span_and_streams_nothing()
    {
        using var temp = new TempStore();
        using var store = FennecStore.Open(temp.File());
        var run = store.BeginRun(TempStore.Run());

        store.ReadFlowSpan(run).Should().BeNull();
        store.ReadFlowsByTime(run, (in StoredFlow _) => throw new InvalidOperationException("no row expected")).Should().Be(0);
    }
}
