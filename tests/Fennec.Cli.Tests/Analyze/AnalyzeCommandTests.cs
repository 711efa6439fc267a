using System.Text.Json;
using Fennec.Storage;
using Fennec.TestSupport;

namespace Fennec.Cli.Tests.Analyze;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fennec-analyze-").FullName;

    private static string Synscan => Path.Combine(SharedData.RequireCorpus(), "chrissanders-packets", "synscan.pcapng");

    private string At(string name) => Path.Combine(_folder, name);

    private CliRunner.Result Analyze(params string[] args) =>
        CliRunner.Run(["analyze", .. args, "--db", At("f.db"), "--report", At("report.html"), "--summary", At("summary.json")]);

    [CorpusFact]
    public void A_capture_is_analysed_stored_and_reported()
    {
        var result = Analyze(Synscan);
        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().Contain("packets").And.Contain("2,011").And.Contain("report:");

        using var summary = JsonDocument.Parse(File.ReadAllText(At("summary.json")));
        summary.RootElement.GetProperty("packets").GetInt64().Should().Be(2011);
        var flows = summary.RootElement.GetProperty("flows").GetInt64();
        flows.Should().BeGreaterThan(1000);

        using var store = FennecStore.Open(At("f.db"));
        var run = store.ListRuns().Should().ContainSingle().Subject;
        run.Info.Command.Should().Be("analyze");
        run.Summary!.Status.Should().Be("complete");
        store.CountFlows(run.Id).Should().Be(flows);
        File.ReadAllText(At("report.html")).Should().Contain("<html").And.Contain("chart-hourly");
    }

    [CorpusFact]
    public void A_second_run_on_the_same_store_appends_a_run_and_leaves_the_first_intact()
    {
        Analyze(Synscan).ExitCode.Should().Be(0);
        long firstFlows;
        using (var store = FennecStore.Open(At("f.db")))
            firstFlows = store.CountFlows(store.ListRuns().Single().Id);

        Analyze(Synscan, "--no-kitsune").ExitCode.Should().Be(0);
        using var again = FennecStore.Open(At("f.db"));
        var runs = again.ListRuns();
        runs.Should().HaveCount(2);
        again.CountFlows(runs[0].Id).Should().Be(firstFlows);
        again.CountFlows(runs[1].Id).Should().Be(firstFlows);
    }

    [CorpusFact]
    public void A_folder_is_read_in_capture_time_order_and_a_file_that_is_not_a_capture_is_reported_and_skipped()
    {
        var folder = Directory.CreateDirectory(At("in")).FullName;
        File.Copy(Synscan, Path.Combine(folder, "a-synscan.pcapng"));
        var http = Path.Combine(SharedData.RequireCorpus(), "chrissanders-packets", "http_espn.pcapng");
        File.Copy(http, Path.Combine(folder, "b-http.pcapng"));
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a capture\n");

        var result = Analyze(folder);
        result.ExitCode.Should().Be(1, "one input was skipped");
        result.Error.Should().Contain("notes.txt").And.Contain("skipped");
        using var store = FennecStore.Open(At("f.db"));
        var inputs = store.ListRuns().Single().Info.Inputs;
        inputs.Should().HaveCount(2);
        // http_espn.pcapng was captured in April 2010, synscan.pcapng in July: capture time wins over the names.
        inputs.Select(Path.GetFileName).Should().Equal("b-http.pcapng", "a-synscan.pcapng");
    }

    [CorpusFact]
    public void A_truncated_capture_is_analysed_up_to_the_damage_and_named()
    {
        var bytes = File.ReadAllBytes(Synscan);
        var truncated = At("cut.pcapng");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length * 3 / 5)]);
        var result = Analyze(truncated);
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("cut.pcapng");
        using var summary = JsonDocument.Parse(File.ReadAllText(At("summary.json")));
        summary.RootElement.GetProperty("packets").GetInt64().Should().BeInRange(1000, 2010);
        using var store = FennecStore.Open(At("f.db"));
        store.ListRuns().Single().Summary!.Status.Should().Be("partial");
    }

    [Fact]
    public void No_readable_capture_is_an_error_naming_the_input()
    {
        var text = At("x.pcap");
        File.WriteAllText(text, "hello\n");
        var result = Analyze(text);
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("x.pcap").And.Contain("no readable capture");
        Analyze(At("missing.pcap")).ExitCode.Should().Be(3);
    }

    [CorpusFact]
    public void A_missing_geoip_file_is_named_and_nothing_is_stored()
    {
        var result = Analyze(Synscan, "--geoip", At("nowhere.mmdb"));
        result.ExitCode.Should().Be(3);
        result.Error.Should().Contain("nowhere.mmdb");
        File.Exists(At("f.db")).Should().BeFalse();
    }

    [CorpusFact]
    public void An_unwritable_store_is_named()
    {
        File.WriteAllText(At("file"), "a file, not a folder");
        var result = CliRunner.Run("analyze", Synscan, "--db", Path.Combine(At("file"), "f.db"), "--report", At("r.html"));
        result.ExitCode.Should().Be(3);
        result.Error.Should().Contain(Path.Combine(At("file"), "f.db"));
    }

    [Theory]
    [InlineData("--alert-budget", "lots")]
    [InlineData("--learning-hours", "0")]
    [InlineData("--home-net", "10.0.0.0/99")]
    public void Wrong_options_are_named(string option, string value)
    {
        var result = CliRunner.Run("analyze", "x.pcap", option, value, "--db", At("f.db"));
        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(option.TrimStart('-').Split('-')[0]);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
