using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fennec.Storage;
using Fennec.TestSupport;
using Xunit.Abstractions;

namespace Fennec.Cli.Tests.Analyze;

/// <summary>
/// <c>fennec analyze</c> on flows collected as telemetry: the simulated 72-hour site is exported as IPFIX by
/// <c>fennec flows --export</c> (one record per direction, as most exporters send), collected into a store by
/// <c>fennec collect --db</c> over 127.0.0.1, and that store analysed. Every record arrives, every packet is
/// accounted for, and the flow detectors show every attack within the budget, as they do on the capture.
/// </summary>
public sealed partial class AnalyzeCollectedFlowsTests(ITestOutputHelper output) : IDisposable
{
    private const long SimulatedPackets = 2_576_927;
    private readonly string _folder = Directory.CreateTempSubdirectory("fennec-collected-").FullName;

    private string At(string name) => Path.Combine(_folder, name);

    [GeoIpFact(GeoIpData.CountryMmdb)]
    public void Every_attack_is_shown_from_the_collected_ipfix_flows_of_three_simulated_days()
    {
        var simulate = CliRunner.Run("simulate", "--hours", "72", "--seed", "1", "--snaplen", "128",
            "--out", At("site.pcap"), "--labels", At("labels.csv"));
        simulate.ExitCode.Should().Be(0, simulate.Error);

        var port = FreePorts.Udp().ToString(CultureInfo.InvariantCulture);
        var collect = Task.Run(() => CliRunner.Run("collect", "--ipfix", port, "--db", At("collected.db"),
            "--stop-after-idle", "3", "--duration", "300"));
        Thread.Sleep(1500);
        // Paced well below what the collector stores, so that a busy test machine loses nothing.
        var export = CliRunner.Run("flows", At("site.pcap"), "--export", $"ipfix://127.0.0.1:{port}", "--export-rate", "3000");
        export.ExitCode.Should().Be(0, export.Error);
        var collected = collect.Wait(TimeSpan.FromMinutes(6)) ? collect.Result : throw new TimeoutException("fennec collect did not stop");
        collected.ExitCode.Should().Be(0, collected.Error);
        var exported = long.Parse(ExportedRecords().Match(export.Error).Groups[1].Value, CultureInfo.InvariantCulture);
        using (var store = FennecStore.Open(At("collected.db")))
        {
            var run = store.ListRuns().Should().ContainSingle().Subject;
            var totals = store.ReadFlowTotals(run.Id);
            totals.Flows.Should().Be(exported, "every exported record is stored");
            totals.Packets.Should().Be(SimulatedPackets, "the simulated site has IP traffic only, every packet of it in a flow");
        }

        var analyze = CliRunner.Run("analyze", At("collected.db"), "--db", At("collected.db"), "--report", At("report.html"),
            "--summary", At("summary.json"), "--alert-budget", "10/day", "--geoip", GeoIpData.Require(GeoIpData.CountryMmdb));
        analyze.ExitCode.Should().Be(0, analyze.Error);
        output.WriteLine(analyze.Error);
        output.WriteLine(analyze.Output);

        using (var summary = JsonDocument.Parse(File.ReadAllText(At("summary.json"))))
        {
            var rows = summary.RootElement.GetProperty("collected");
            rows.GetProperty("rows").GetInt64().Should().Be(exported);
            rows.GetProperty("packets_scaled").GetInt64().Should().Be(SimulatedPackets);
            // Nearly every connection comes back as the one flow the capture made of it: its two directions are paired
            // again (a few are not, where one 5-tuple carried two connections within the pairing hold).
            var captureFlows = long.Parse(CaptureRecords().Match(export.Error).Groups[1].Value, CultureInfo.InvariantCulture);
            summary.RootElement.GetProperty("flows").GetInt64().Should().BeInRange(captureFlows, captureFlows + captureFlows / 1000);
        }
        SimulatedAttacks.ExpectEveryAttackShown(At("labels.csv"), At("summary.json"), output);

        using var stored = FennecStore.Open(At("collected.db"));
        var analysis = stored.ListRuns().Should().HaveCount(2).And.Subject.Last();
        analysis.Info.Command.Should().Be("analyze");
        analysis.Info.Inputs.Should().Equal($"{At("collected.db")}#run1");
        stored.ReadIncidents(analysis.Id).Should().Contain(i => i.Shown);
        stored.CountFlows(analysis.Id).Should().Be(0, "the collected rows are not copied into the analysis run");
    }

    [Fact]
    public void A_store_without_collected_flows_is_refused_naming_the_file()
    {
        var db = At("empty.db");
        FennecStore.Open(db).Dispose();
        var analyze = CliRunner.Run("analyze", db, "--db", At("out.db"), "--report", At("r.html"));
        analyze.ExitCode.Should().Be(ExitCodes.CannotOpen);
        analyze.Error.Should().Contain($"{db} holds no flows collected by 'fennec collect --db'");
    }

    [Fact]
    public void A_store_cannot_be_mixed_with_captures_nor_given_a_kitsune_model()
    {
        var db = At("some.db");
        FennecStore.Open(db).Dispose();
        var capture = CliRunner.TempFile(CaptureFiles.Pcap(1, []));
        try
        {
            var mixed = CliRunner.Run("analyze", db, capture, "--db", At("out.db"), "--report", At("r.html"));
            mixed.ExitCode.Should().Be(ExitCodes.Usage);
            mixed.Error.Should().Contain("give either captures or one store");

            var model = CliRunner.Run("analyze", db, "--model", capture, "--db", At("out.db"), "--report", At("r.html"));
            model.ExitCode.Should().Be(ExitCodes.Usage);
            model.Error.Should().Contain("collected flows carry none");
        }
        finally
        {
            File.Delete(capture);
        }
    }

    [Fact]
    public void A_store_damaged_in_its_flow_pages_exits_with_1_naming_the_file()
    {
        var db = At("damaged.db");
        using (var store = FennecStore.Open(db))
        {
            var run = store.BeginRun(new RunInfo("collect", [], DateTimeOffset.UtcNow, "test", "{}"));
            using var writer = store.CreateFlowWriter(run, "192.0.2.1");
            for (var i = 0; i < 50_000; i++)
            {
                writer.Add(new StoredFlow
                {
                    FirstNs = 1_700_000_000_000_000_000L + i * 1_000_000L,
                    LastNs = 1_700_000_000_000_000_000L + i * 1_000_000L + 5_000,
                    SrcIp = Fennec.Packets.Decoding.IpAddress.FromIPv4(0x0A000001u + (uint)(i % 200)),
                    DstIp = Fennec.Packets.Decoding.IpAddress.FromIPv4(0x5DB8D822u),
                    SrcPort = (ushort)(40_000 + i % 20_000),
                    DstPort = 443,
                    Protocol = 6,
                    PacketsFwd = 3,
                    BytesFwd = 180,
                });
            }
        }
        // Overwrite pages in the middle of the file, where the flows table and its index live; header and schema stay.
        using (var file = new FileStream(db, FileMode.Open, FileAccess.Write))
        {
            file.Position = file.Length / 2;
            file.Write(Enumerable.Repeat((byte)0xFF, 64 * 1024).ToArray());
        }

        var analyze = CliRunner.Run("analyze", db, "--db", At("out.db"), "--report", At("r.html"));

        analyze.ExitCode.Should().Be(ExitCodes.DamagedInput, analyze.Error);
        analyze.Error.Should().Contain(db).And.Contain("malformed");
    }

    [Fact]
    public void A_run_that_does_not_exist_is_named()
    {
        var db = At("runs.db");
        using (var store = FennecStore.Open(db))
            store.BeginRun(new RunInfo("collect", [], DateTimeOffset.UtcNow, "test", "{}"));
        var analyze = CliRunner.Run("analyze", db, "--run", "7", "--db", At("out.db"), "--report", At("r.html"));
        analyze.ExitCode.Should().Be(ExitCodes.CannotOpen);
        analyze.Error.Should().Contain($"{db} has no run 7 (runs: 1)");
    }

    [GeneratedRegex(@"exported to ipfix://[^:]+:\d+: \d+ datagrams, (\d+) records")]
    private static partial Regex ExportedRecords();

    [GeneratedRegex(@"\d+ flows, (\d+) records \(")]
    private static partial Regex CaptureRecords();

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
