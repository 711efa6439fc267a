namespace Fennec.Storage.Tests;

public sealed class RunTests
{
    [Fact]
    public void A_second_run_on_the_same_store_appends_and_leaves_the_first_intact()
    {
        using var temp = new TempStore();
        var path = temp.File();
        long first, second;
        using (var store = FennecStore.Open(path))
        {
            first = store.BeginRun(TempStore.Run("analyze", "a.pcap"));
            using (var writer = store.CreateFlowWriter(first, "eth0"))
            {
                for (var i = 0; i < 1000; i++)
                    writer.Add(TempStore.Flow(i));
            }

            store.FinishRun(first, new RunSummary("ok", 5000, 1000, 1, 2, DateTimeOffset.UnixEpoch));
        }

        using (var store = FennecStore.Open(path))
        {
            second = store.BeginRun(TempStore.Run("analyze", "b.pcap", "c.pcap"));
            using var writer = store.CreateFlowWriter(second, "eth0");
            for (var i = 0; i < 250; i++)
                writer.Add(TempStore.Flow(i));
        }

        using (var store = FennecStore.Open(path))
        {
            second.Should().BeGreaterThan(first);
            store.CountFlows(first).Should().Be(1000);
            store.CountFlows(second).Should().Be(250);
            store.ReadFlows(first).Should().HaveCount(1000);
            store.ReadSensors(second).Should().Equal("eth0");
            var runs = store.ListRuns();
            runs.Select(r => r.Id).Should().Equal(first, second);
            runs[0].Info.Inputs.Should().Equal("a.pcap");
            runs[0].Summary!.Status.Should().Be("ok");
            runs[1].Info.Inputs.Should().Equal("b.pcap", "c.pcap");
            runs[1].Summary.Should().BeNull("the second run never finished");
        }
    }

    [Fact]
    public void Run_info_and_summary_round_trip()
    {
        using var temp = new TempStore();
        using var store = FennecStore.Open(temp.File());
        var info = new RunInfo("collect", ["udp://127.0.0.1:2055", "quote\"and,comma"], new DateTimeOffset(2024, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)),
            "1.2.3", """{"receivers":2}""");
        var summary = new RunSummary("interrupted", 123_456_789_012, 42, 1_700_000_000_000_000_001, null, new DateTimeOffset(2024, 1, 2, 4, 0, 0, TimeSpan.Zero));

        var id = store.BeginRun(info);
        store.ListRuns().Single().Summary.Should().BeNull();
        store.FinishRun(id, summary);

        var run = store.ListRuns().Single();
        run.Id.Should().Be(id);
        run.Info.Command.Should().Be("collect");
        run.Info.Inputs.Should().Equal(info.Inputs);
        run.Info.StartedAt.Should().Be(info.StartedAt, "times are kept in UTC to the tick");
        run.Info.FennecVersion.Should().Be("1.2.3");
        run.Info.OptionsJson.Should().Be(info.OptionsJson);
        run.Summary.Should().Be(summary);
    }

    [Fact]
    public void Finishing_a_run_that_does_not_exist_is_an_error()
    {
        using var temp = new TempStore();
        using var store = FennecStore.Open(temp.File());

        var finish = () => store.FinishRun(99, new RunSummary("ok", 0, 0, null, null, DateTimeOffset.UnixEpoch));

        finish.Should().Throw<StoreException>().WithMessage("*no run 99*");
    }
}
