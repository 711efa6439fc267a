using System.Diagnostics;
using System.Globalization;
using Fennec.Cli.Output;
using Fennec.Pipeline.Analysis;
using Fennec.Storage;

namespace Fennec.Cli.Analyze;

/// <summary>
/// <c>fennec analyze STORE</c>: the analysis of flows collected as telemetry (<c>fennec collect --db STORE</c>)
/// instead of captures. The flow detectors run as on captures; Kitsune, which scores packets, does not. The collected
/// rows stay where they are; the analysis run holds the hosts, rollups, scores and incidents.
/// </summary>
internal sealed partial class AnalyzeRun
{
    private int ExecuteCollected()
    {
        if (settings.Inputs.Count != 1)
        {
            io.Error.WriteLine($"{Name}: a store of collected flows is analysed alone; give either captures or one store, not both " +
                               $"({string.Join(", ", settings.Inputs)}).");
            return ExitCodes.Usage;
        }
        if (settings.ModelPath is not null || settings.SaveModelPath is not null)
        {
            io.Error.WriteLine($"{Name}: --model and --save-model are Kitsune's, which scores packets; collected flows carry none.");
            return ExitCodes.Usage;
        }

        var sourcePath = settings.Inputs[0];
        if (!TryOpenEnrichment(out var geo, out var asn, out var home))
            return ExitCodes.CannotOpen;
        using var geoOwner = geo;
        if (!TryCheckOutputs() || !TryOpenStore(sourcePath, out var source))
            return ExitCodes.CannotOpen;
        using (source)
        {
            List<long>? runs;
            List<(long FirstNs, long LastNs)> spans;
            try
            {
                runs = SelectRuns(source, out spans);
            }
            catch (StoreException e)
            {
                io.Error.WriteLine($"{Name}: {e.Message.TrimEnd('.')}; nothing was analysed.");
                return ExitCodes.DamagedInput;
            }
            if (runs is null)
                return ExitCodes.CannotOpen;
            var sameFile = Path.GetFullPath(sourcePath) == Path.GetFullPath(settings.DbPath);
            FennecStore? output = null;
            if (!sameFile && !TryOpenStore(settings.DbPath, out output))
                return ExitCodes.CannotOpen;
            using (output)
            {
                var options = new AnalysisOptions
                {
                    HomeNetworks = home,
                    Geo = geo,
                    Asn = asn,
                    LearningPeriod = LearningPeriod(spans.Min(s => s.FirstNs), spans.Max(s => s.LastNs)),
                    Kitsune = null,
                    Budget = settings.Budget,
                };
                return AnalyseCollected(source, output ?? source, runs, options);
            }
        }
    }

    /// <summary>The runs named by --run, or every collect run that stored flows, in order of first flow; null (said why) when there are none.</summary>
    private List<long>? SelectRuns(FennecStore source, out List<(long FirstNs, long LastNs)> spans)
    {
        spans = [];
        var known = source.ListRuns().ToDictionary(r => r.Id);
        var wanted = settings.Runs.Count > 0 ? settings.Runs : [.. known.Values.Where(r => r.Info.Command == "collect").Select(r => r.Id)];
        var chosen = new List<(long Id, long FirstNs, long LastNs)>();
        foreach (var id in wanted)
        {
            if (!known.ContainsKey(id))
            {
                io.Error.WriteLine($"{Name}: {source.Path} has no run {id} (runs: {string.Join(", ", known.Keys)}).");
                return null;
            }
            if (source.ReadFlowSpan(id) is { } span)
                chosen.Add((id, span.FirstNs, span.LastNs));
            else if (settings.Runs.Count > 0)
                io.Error.WriteLine($"{Name}: run {id} of {source.Path} stored no flows; skipped.");
        }

        if (chosen.Count == 0)
        {
            io.Error.WriteLine(settings.Runs.Count > 0
                ? $"{Name}: none of the runs named holds flows."
                : $"{Name}: {source.Path} holds no flows collected by 'fennec collect --db'; name runs with flows with --run.");
            return null;
        }

        chosen.Sort((a, b) => a.FirstNs.CompareTo(b.FirstNs));
        spans = [.. chosen.Select(c => (c.FirstNs, c.LastNs))];
        return [.. chosen.Select(c => c.Id)];
    }

    private int AnalyseCollected(FennecStore source, FennecStore store, List<long> runs, AnalysisOptions options)
    {
        var clock = Stopwatch.StartNew();
        var inputs = runs.Select(id => string.Create(CultureInfo.InvariantCulture, $"{source.Path}#run{id}")).ToList();
        var runId = BeginRun(store, inputs, options);
        var exit = ExitCodes.Success;
        var timings = new AnalysisTimings();
        var analyzer = new FlowAnalyzer(options);
        CollectedFlowCounts? counts = null;
        var now = Stopwatch.GetTimestamp();
        using (var progress = new ProgressLine(io))
        {
            try
            {
                counts = CollectedFlows.Feed(source, runs, analyzer, progress: rows => progress.Show(rows, clock.Elapsed, "analysing", "flow rows"));
            }
            catch (StoreException e)
            {
                io.Error.WriteLine($"{Name}: {e.Message.TrimEnd('.')}; the rows before it were analysed.");
                exit = ExitCodes.DamagedInput;
            }
        }
        now = timings.Charge(AnalysisStage.Flows, now);

        var result = analyzer.Finish(analyzer.LearnedUntil(counts?.FirstNs ?? analyzer.Profile.FirstNs), [], timings) with { Collected = counts };
        now = timings.Charge(AnalysisStage.Detection, now);
        ResultStore.Write(store, runId, result);
        timings.Charge(AnalysisStage.Output, now);
        if (counts is not null)
            io.Error.WriteLine($"{Name}: {counts.Rows:N0} collected flow rows from run {string.Join(", ", runs)}: {counts.Paired:N0} pairs of " +
                               $"directions joined, {counts.Unpaired:N0} one-way, {counts.Bidirectional:N0} already bidirectional.");
        return Publish(store, runId, result, inputs, exit, clock);
    }
}
