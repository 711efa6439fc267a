using System.Diagnostics;
using System.Globalization;
using Fennec.Storage;
using Fennec.TestSupport;
using FluentAssertions;
using Xunit;

namespace Fennec.Cli.Tests.Live;

/// <summary>
/// softflowd, a real exporter, replays a capture as NetFlow v5, v9 and IPFIX to <c>fennec collect</c> on 127.0.0.1:
/// the collected packet and byte totals equal those of <c>fennec flows</c> on the same capture, for the flows each
/// protocol can carry (v5 has no IPv6), and the collector counts no error.
/// </summary>
public sealed class CollectSoftflowdTests
{
    [ToolTheory("softflowd", NeedsCorpus = true)]
    [InlineData("joy-captures/kali-normal-ssh.pcap", 5)]
    [InlineData("joy-captures/kali-normal-ssh.pcap", 9)]
    [InlineData("joy-captures/kali-normal-ssh.pcap", 10)]
    [InlineData("chrissanders-packets/http_espn.pcapng", 9)]
    [InlineData("chrissanders-packets/http_espn.pcapng", 10)]
    public void Collected_totals_equal_the_capture_flow_totals(string capture, int version)
    {
        var path = Path.Combine(SharedData.RequireCorpus(), capture);
        var collected = Replay(path, version);

        collected.Error.Should().NotContain("error_", "no decode error is expected from softflowd");
        var (packets, bytes) = LiveCollect.Totals(collected.Lines, ["packets"], ["bytes"]);
        var (expectedPackets, expectedBytes) = ExpectedTotals(path, version);
        packets.Should().Be(expectedPackets);
        bytes.Should().Be(expectedBytes);
    }

    /// <summary>
    /// The same replay with <c>--db</c>: nothing on standard output, and the run stored in the SQLite file holds the
    /// same totals, with the exporter as its sensor and a summary that agrees with its rows.
    /// </summary>
    [ToolTheory("softflowd", NeedsCorpus = true)]
    [InlineData("joy-captures/kali-normal-ssh.pcap", 5)]
    [InlineData("chrissanders-packets/http_espn.pcapng", 10)]
    public void Stored_totals_equal_the_capture_flow_totals(string capture, int version)
    {
        var path = Path.Combine(SharedData.RequireCorpus(), capture);
        var folder = Directory.CreateTempSubdirectory("fennec-collect-db-").FullName;
        try
        {
            var db = Path.Combine(folder, "collect.db");
            var collected = Replay(path, version, "--db", db);

            collected.Output.Should().BeEmpty("with --db and no --format, rows go to the store only");
            collected.Error.Should().Contain($"flow records stored in {db}");
            var (expectedPackets, expectedBytes) = ExpectedTotals(path, version);
            using var store = FennecStore.Open(db);
            var run = store.ListRuns().Should().ContainSingle().Subject;
            run.Info.Command.Should().Be("collect");
            run.Summary.Should().NotBeNull();
            run.Summary!.Status.Should().Be("ok");
            var totals = store.ReadFlowTotals(run.Id);
            totals.Packets.Should().Be(expectedPackets);
            totals.Bytes.Should().Be(expectedBytes);
            totals.Flows.Should().BePositive().And.Be(run.Summary.Flows);
            run.Summary.Packets.Should().Be(expectedPackets);
            store.ReadSensors(run.Id).Should().Equal("127.0.0.1");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// With <c>--analyze</c>, the run's stored flows are analysed when collection stops: a second run of the store
    /// holds the analysis of exactly the collected run (its packets), and the report is written.
    /// </summary>
    [ToolFact("softflowd", NeedsCorpus = true)]
    public void Analyze_runs_the_analysis_on_the_flows_just_collected()
    {
        var path = Path.Combine(SharedData.RequireCorpus(), "chrissanders-packets/http_espn.pcapng");
        var folder = Directory.CreateTempSubdirectory("fennec-collect-analyze-").FullName;
        try
        {
            var db = Path.Combine(folder, "collect.db");
            var report = Path.Combine(folder, "report.html");
            var collected = Replay(path, 9, "--db", db, "--analyze", report);

            collected.Output.Should().Contain("collected flow rows");
            File.ReadAllText(report).Should().StartWith("<!DOCTYPE html>");
            using var store = FennecStore.Open(db);
            var runs = store.ListRuns();
            runs.Select(r => r.Info.Command).Should().Equal("collect", "analyze");
            runs[1].Info.Inputs.Should().Equal($"{db}#run{runs[0].Id}");
            runs[1].Summary!.Status.Should().Be("complete");
            runs[1].Summary!.Packets.Should().Be(store.ReadFlowTotals(runs[0].Id).Packets);
            store.ReadHosts(runs[1].Id).Should().NotBeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs <c>fennec collect</c> on a free port while softflowd replays the capture to it.</summary>
    private static CliRunner.Result Replay(string capture, int version, params string[] extra) =>
        LiveCollect.Run("--netflow", port =>
        {
            using var softflowd = Process.Start(new ProcessStartInfo(ExternalTools.Require("softflowd", "softflowd"),
                    ["-r", capture, "-n", $"127.0.0.1:{port}", "-v", version.ToString(CultureInfo.InvariantCulture)])
                { RedirectStandardOutput = true, RedirectStandardError = true })!;
            softflowd.StandardOutput.ReadToEnd();
            softflowd.WaitForExit(60_000).Should().BeTrue("softflowd replays a small capture in moments");
        }, extra);

    /// <summary>
    /// What <c>fennec flows</c> counts for the flows the protocol version can carry: v5 IPv4 only, the others every IP
    /// flow (softflowd exports no MAC-only flows).
    /// </summary>
    private static (long Packets, long Bytes) ExpectedTotals(string capture, int version) =>
        LiveCollect.FlowTotals(capture, row => version == 5 ? row["ip_version"] == "4" : row["ip_version"] is "4" or "6");
}
