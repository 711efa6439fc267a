using Fennec.Enrichment.Geo;
using Fennec.Packets.Decoding;

namespace Fennec.Storage.Tests;

public sealed class RoundTripTests
{
    [Fact]
    public void Flows_come_back_field_for_field_in_the_order_written()
    {
        using var temp = new TempStore();
        using var store = FennecStore.Open(temp.File());
        var run = store.BeginRun(TempStore.Run());
        var flows = Enumerable.Range(0, 300).Select(TempStore.Flow).ToList();
        flows.Add(TempStore.Flow(1) with { SrcIp = IpAddress.None, DstIp = IpAddress.Parse("::ffff:1.2.3.4"), State = "S0", EndReason = "évicted" });
        flows.Add(TempStore.Flow(2) with { SrcAsn = uint.MaxValue, SamplingRate = uint.MaxValue, PacketsFwd = long.MaxValue, Vlan = 4095 });

        using (var writer = store.CreateFlowWriter(run, "sensor-1"))
        {
            foreach (var flow in flows)
                writer.Add(flow);
            writer.Written.Should().Be(0, "nothing is committed before the batch fills or a flush");
            writer.Pending.Should().Be(flows.Count);
            writer.Flush();
            writer.Written.Should().Be(flows.Count);
        }

        store.ReadFlows(run).Should().Equal(flows);
    }

    [Fact]
    public void Hosts_rollups_scores_incidents_and_snapshots_round_trip()
    {
        using var temp = new TempStore();
        using var store = FennecStore.Open(temp.File());
        var run = store.BeginRun(TempStore.Run());
        StoredHost[] hosts =
        [
            new(IpAddress.Parse("10.0.0.5"), true, CountryCode.None, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
            new(IpAddress.Parse("2001:db8::1"), false, CountryCode.Parse("FR"), 3215, 10, 20, 30, 40, 50, 60, 70, 80, 90),
        ];
        StoredRollup[] rollups =
        [
            new(RollupGranularity.Minute, 60_000_000_000, RollupDimension.Country, "CN", RollupDirection.In, 100, 2, 1, 1),
            new(RollupGranularity.Minute, 0, RollupDimension.Country, "", RollupDirection.Out, 5, 1, 1, 1),
            new(RollupGranularity.Minute, 0, RollupDimension.Country, "CN", RollupDirection.Internal, 7, 1, 1, 0),
            new(RollupGranularity.Hour, 0, RollupDimension.Country, "CN", RollupDirection.In, 100, 2, 1, 1),
            new(RollupGranularity.Minute, 0, RollupDimension.Port, "6/443", RollupDirection.Out, 1, 1, 1, 1),
        ];
        StoredScore[] scores =
        [
            new("kitsune", 5, "10.0.0.5", 0.125, 0.5),
            new("baseline:bytes_in", 6, "site", double.MaxValue, double.Epsilon),
        ];
        StoredIncident[] incidents =
        [
            new(2, 100, 200, 0.9, "scan", "10.0.0.5", null, "Port scan", "Touched 1,000 ports.", true, """{"ports":1000}"""),
            new(1, 50, 60, 0.1, "volume", "10.0.0.6", "8.8.8.8", "Upload", "Sent 3 GB, usually 3 MB.", false, "{}"),
        ];
        byte[] blob = [0, 1, 2, 255, 0];

        store.WriteHosts(run, hosts);
        store.WriteRollups(run, rollups);
        store.WriteScores(run, scores);
        store.WriteIncidents(run, incidents);
        store.WriteModelSnapshot(run, "kitsune", "kitnet", blob);
        store.WriteModelSnapshot(run, "kitsune", "kitnet", [9]);

        store.ReadHosts(run).Should().Equal(hosts);
        store.ReadRollups(run, RollupGranularity.Minute, RollupDimension.Country).Should().Equal(rollups[1], rollups[2], rollups[0]);
        store.ReadRollups(run, RollupGranularity.Hour, RollupDimension.Country).Should().Equal(rollups[3]);
        store.ReadRollups(run, RollupGranularity.Minute, RollupDimension.Port).Should().Equal(rollups[4]);
        store.ReadRollups(run, RollupGranularity.Hour, RollupDimension.Site).Should().BeEmpty();
        store.ReadScores(run).Should().Equal(scores[1], scores[0]);
        store.ReadIncidents(run).Should().Equal(incidents[1], incidents[0]);
        store.ReadModelSnapshot(run, "kitsune").Should().Equal([9], "the latest snapshot of a name wins");
        store.ReadModelSnapshot(run, "other").Should().BeNull();
        store.ReadIncidents(run + 1).Should().BeEmpty();
    }

    [Fact]
    public void A_duplicate_incident_id_rolls_back_the_whole_batch()
    {
        using var temp = new TempStore();
        using var store = FennecStore.Open(temp.File());
        var run = store.BeginRun(TempStore.Run());
        var incident = new StoredIncident(1, 0, 0, 0, "scan", "h", null, "t", "e", true, "{}");

        var write = () => store.WriteIncidents(run, [incident, incident with { Title = "again" }]);

        write.Should().Throw<StoreException>().WithMessage($"{store.Path}: cannot write incidents: *UNIQUE*");
        store.ReadIncidents(run).Should().BeEmpty();
        store.WriteIncidents(run, [incident]);
        store.ReadIncidents(run).Should().Equal(incident);
    }
}
