using Fennec.Detection.Incidents;
using Fennec.Pipeline.Analysis;
using Spectre.Console;

namespace Fennec.Cli.Analyze;

/// <summary>The end of <c>fennec analyze</c> on the terminal: a summary table, the incidents shown and where things are.</summary>
internal static class AnalysisSummaryTable
{
    public static void Write(CliIO io, AnalysisResult result, long runId, AnalyzeSettings settings, TimeSpan elapsed)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(io.OutputText),
            Ansi = ReferenceEquals(io, CliIO.Console) ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ReferenceEquals(io, CliIO.Console) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        var profile = result.Profile;
        var (count, unit) = result.Collected is { } collected ? (collected.Rows, "flow rows") : (result.Packets, "packets");
        var rate = elapsed.TotalSeconds > 0 ? count / elapsed.TotalSeconds : 0;
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Analysis").AddColumn(new TableColumn("").RightAligned());
        if (result.Collected is { } rows)
        {
            table.AddRow("collected flow rows", $"{rows.Rows:N0}");
            table.AddRow("directions paired", $"{rows.Paired:N0}");
            table.AddRow("packets (scaled by sampling)", $"{profile.Packets:N0}");
        }
        else
            table.AddRow("packets", $"{result.Packets:N0}");
        table.AddRow("bytes", Quantities.Bytes(profile.Bytes));
        table.AddRow("flows", $"{profile.Flows:N0}");
        table.AddRow("inside hosts", $"{profile.InsideHosts.Count:N0}");
        table.AddRow("countries", $"{profile.Countries.Count:N0}");
        table.AddRow("incidents shown", $"{result.Shown:N0} (budget {settings.Budget})");
        table.AddRow("incidents suppressed", $"{result.Suppressed:N0}");
        table.AddRow("time", $"{elapsed.TotalSeconds:0.0} s, {rate:N0} {unit}/s");
        console.Write(table);

        foreach (var incident in result.Incidents.Where(i => i.Shown).OrderByDescending(i => i.Severity))
            console.WriteLine($"#{incident.Id} {Quantities.Time(incident.FirstNs)}  severity {incident.Severity:0.0}  {incident.Title}\n    {incident.Explanation}");

        var stages = string.Join(", ", result.Timings.All.Select(s => $"{AnalysisSummaryJson.StageName(s.Stage)} {s.Time.TotalSeconds:0.0} s"));
        console.WriteLine($"time by stage: {stages}");
        console.WriteLine($"run {runId} stored in {settings.DbPath}; report: {settings.ReportPath}");
    }
}
