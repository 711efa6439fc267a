using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Fennec.Cli.Output;
using Fennec.Detection.Kitsune;
using Fennec.Enrichment;
using Fennec.Features.AfterImage;
using Fennec.Enrichment.Asn;
using Fennec.Enrichment.Geo;
using Fennec.Enrichment.Home;
using Fennec.Enrichment.Mmdb;
using Fennec.Packets.Capture;
using Fennec.Pipeline.Analysis;
using Fennec.Reporting;
using Fennec.Storage;

namespace Fennec.Cli.Analyze;

/// <summary>
/// One run of <c>fennec analyze</c>: orders the captures, opens the enrichment data and the store, runs the packet
/// analyzer over every capture, stores the results, writes the report and the summary, and tells the operator.
/// </summary>
internal sealed partial class AnalyzeRun(CliIO io, AnalyzeSettings settings)
{
    private const string Name = "fennec analyze";
    private readonly List<string> _attributions = [];

    public int Execute()
    {
        if (CollectedInputs.Any(settings.Inputs))
            return ExecuteCollected();

        var problems = new List<string>();
        var inputs = CaptureInputs.Order(settings.Inputs, problems, out var missing);
        foreach (var problem in problems)
            io.Error.WriteLine($"{Name}: {problem}");
        if (inputs.Count == 0)
        {
            io.Error.WriteLine($"{Name}: no readable capture among the inputs.");
            return missing ? ExitCodes.CannotOpen : ExitCodes.DamagedInput;
        }

        if (!TryOpenEnrichment(out var geo, out var asn, out var home))
            return ExitCodes.CannotOpen;
        using var geoOwner = geo;
        if (!TryOpenModel(out var model))
            return ExitCodes.CannotOpen;
        if (!TryCheckOutputs() || !TryOpenStore(settings.DbPath, out var store))
            return ExitCodes.CannotOpen;

        var survey = CaptureInputs.Survey(inputs);
        using (store)
            return Analyse(inputs, store, survey, new AnalysisOptions
            {
                HomeNetworks = home,
                Geo = geo,
                Asn = asn,
                LearningPeriod = LearningPeriod(inputs[0].FirstNs, survey.LastNs),
                Kitsune = settings.Kitsune ? new KitsuneOptions { AfterImage = BoundedAfterImage } : null,
                KitsuneModel = model,
                Budget = settings.Budget,
            }, problems.Count > 0);
    }

    /// <summary>The learning period asked for, or 24 hours (the first half of input shorter than two days, said so).</summary>
    private TimeSpan LearningPeriod(long firstNs, long lastNs)
    {
        var span = TimeSpan.FromMicroseconds(Math.Max(0, lastNs - firstNs) / 1000.0);
        var learningPeriod = settings.LearningPeriod ?? (span >= TimeSpan.FromHours(48) ? TimeSpan.FromHours(24) : span / 2);
        if (settings.LearningPeriod is null && learningPeriod < TimeSpan.FromHours(24))
            io.Error.WriteLine($"{Name}: the input spans {Describe(span)}; the detectors learn on the first half. " +
                               "Traffic baselines need a day of learning and more days to be reliable.");
        return learningPeriod;
    }

    private bool TryCheckOutputs() =>
        TryCheckOutput(settings.ReportPath) && (settings.SummaryPath is not { } summary || TryCheckOutput(summary));

    private bool TryOpenStore(string path, [NotNullWhen(true)] out FennecStore? store)
    {
        try
        {
            store = FennecStore.Open(path);
            return true;
        }
        catch (StoreException e)
        {
            io.Error.WriteLine($"{Name}: {e.Message}");
            store = null;
            return false;
        }
    }

    private long BeginRun(FennecStore store, IReadOnlyList<string> inputs, AnalysisOptions options) =>
        store.BeginRun(new RunInfo("analyze", inputs, DateTimeOffset.UtcNow, Version,
            $"{{\"alert_budget\":\"{settings.Budget}\",\"learning_hours\":{options.LearningPeriod.TotalHours.ToString(CultureInfo.InvariantCulture)}}}"));

    private int Analyse(List<CaptureInput> inputs, FennecStore store, CaptureSurvey survey, AnalysisOptions options, bool skipped)
    {
        var clock = Stopwatch.StartNew();
        var learnedUntil = inputs[0].FirstNs + (long)options.LearningPeriod.TotalMicroseconds * 1000;
        var learning = survey.PacketsBefore(learnedUntil);

        var runId = BeginRun(store, [.. inputs.Select(i => i.Path)], options);
        var exit = skipped ? ExitCodes.DamagedInput : ExitCodes.Success;
        AnalysisResult result;
        using (var flows = store.CreateFlowWriter(runId, "capture"))
        using (var analyzer = new PacketAnalyzer(options, learning, new StoreFlowSink(flows)))
        {
            using var progress = new ProgressLine(io);
            foreach (var input in inputs)
            {
                try
                {
                    using var reader = CaptureReader.Open(input.Path);
                    analyzer.Process(reader, packets => progress.Show(packets, clock.Elapsed, "analysing"));
                }
                catch (CaptureFormatException e)
                {
                    io.Error.WriteLine($"{Name}: {input.Path}: {e.Message}; the packets before it were analysed.");
                    exit = ExitCodes.DamagedInput;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    io.Error.WriteLine($"{Name}: {input.Path}: cannot read: {e.Message}; skipped.");
                    exit = ExitCodes.DamagedInput;
                }
            }
            result = analyzer.Finish();
            var output = Stopwatch.GetTimestamp();
            flows.Flush();
            ResultStore.Write(store, runId, result);
            if (analyzer.Kitsune is { } kitsune)
                SaveModel(store, runId, kitsune);
            result.Timings.Charge(AnalysisStage.Output, output);
        }

        return Publish(store, runId, result, [.. inputs.Select(i => i.Path)], exit, clock);
    }

    /// <summary>Writes the report, finishes the run in the store, writes the summary and tells the operator; returns the exit code.</summary>
    private int Publish(FennecStore store, long runId, AnalysisResult result, IReadOnlyList<string> inputs, int exit, Stopwatch clock)
    {
        var first = result.Profile.Flows == 0 ? (long?)null : result.Profile.FirstNs;
        var last = result.Profile.Flows == 0 ? (long?)null : result.Profile.LastNs;
        var reportStart = Stopwatch.GetTimestamp();
        var model = ReportBuilder.Build(result, inputs, _attributions, DateTimeOffset.UtcNow, settings.Budget.ToString());
        var written = TryWrite(settings.ReportPath, stream => HtmlReportWriter.Write(model, stream));
        result.Timings.Charge(AnalysisStage.Output, reportStart);
        store.FinishRun(runId, new RunSummary(exit == ExitCodes.Success ? "complete" : "partial", result.PacketsCovered, result.Profile.Flows,
            first, last, DateTimeOffset.UtcNow));

        var elapsed = clock.Elapsed;
        if (settings.SummaryPath is { } summaryPath)
            written &= TryWrite(summaryPath, stream => AnalysisSummaryJson.Write(stream, result, runId, settings, elapsed));
        AnalysisSummaryTable.Write(io, result, runId, settings, elapsed);
        return written ? exit : Math.Max(exit, ExitCodes.CannotOpen);
    }

    private void SaveModel(FennecStore store, long runId, KitsuneDetector kitsune)
    {
        using var buffer = new MemoryStream();
        kitsune.Save(buffer);
        store.WriteModelSnapshot(runId, "kitsune", "kitsune", buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (settings.SaveModelPath is { } path)
            TryWrite(path, stream => stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private bool TryOpenEnrichment(out GeoDatabase? geo, out AsnRangeTable? asn, out HomeNetworks home)
    {
        geo = null;
        asn = null;
        home = HomeNetworks.Default;
        try
        {
            if (settings.HomeNets.Count > 0)
                home = HomeNetworks.Parse(settings.HomeNets);
        }
        catch (FormatException e)
        {
            io.Error.WriteLine($"{Name}: --home-net: {e.Message}");
            return false;
        }

        var geoPath = settings.GeoIpPath ?? GeoIpFiles.PathOf(GeoIpFiles.CountryMmdb);
        if (settings.GeoIpPath is null && !File.Exists(geoPath))
            io.Error.WriteLine($"{Name}: no GeoIP data at {geoPath}; countries stay unknown (scripts/ensure-geoip.sh fetches it, or pass --geoip F.mmdb).");
        else
        {
            try
            {
                geo = GeoDatabase.Open(geoPath);
                if (GeoIpFiles.Attribution(geoPath) is { } attribution)
                    _attributions.Add(attribution);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or MmdbFormatException)
            {
                io.Error.WriteLine($"{Name}: cannot open the GeoIP database {geoPath}: {e.Message}");
                return false;
            }
        }

        var asnPaths = settings.AsnPaths ?? [.. new[] { GeoIpFiles.AsnIPv4Csv, GeoIpFiles.AsnIPv6Csv }
            .Select(GeoIpFiles.PathOf).Where(File.Exists)];
        if (asnPaths.Count == 0)
            return true;
        try
        {
            asn = AsnRangeTable.Load([.. asnPaths]);
            if (GeoIpFiles.Attribution(asnPaths[0]) is { } attribution)
                _attributions.Add(attribution);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidDataException)
        {
            io.Error.WriteLine($"{Name}: cannot read the ASN data {string.Join(", ", asnPaths)}: {e.Message}");
            geo?.Dispose();
            geo = null;
            return false;
        }
    }

    private bool TryOpenModel(out KitsuneDetector? model)
    {
        model = null;
        if (settings.ModelPath is null)
            return true;
        try
        {
            using var stream = File.OpenRead(settings.ModelPath);
            model = KitsuneDetector.Load(stream);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            io.Error.WriteLine($"{Name}: cannot load the model {settings.ModelPath}: {e.Message}");
            return false;
        }
    }

    /// <summary>Fails early, before an hour of work, when an output file cannot be created.</summary>
    private bool TryCheckOutput(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (Directory.Exists(folder) && !File.Exists(folder))
            return true;
        io.Error.WriteLine($"{Name}: cannot write {path}: the folder {folder} does not exist.");
        return false;
    }

    private bool TryWrite(string path, Action<Stream> write)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            write(stream);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"{Name}: cannot write {path}: {e.Message}");
            return false;
        }
    }

    /// <summary>
    /// Kitsune's statistics in bounded memory and time: unbounded (as the reference), a host hit by a spoofed flood
    /// belongs to one pair per source and every packet walks them all. Streams silent for about a quarter of an hour
    /// are forgotten, and each table keeps at most 4,096 streams.
    /// </summary>
    private static readonly AfterImageOptions BoundedAfterImage = new() { ExpiryWeight = 1e-3, MaxStreamsPerTable = 4_096 };

    private static string Describe(TimeSpan span) =>
        span >= TimeSpan.FromHours(2) ? $"{span.TotalHours:0.#} hours" : span >= TimeSpan.FromMinutes(2) ? $"{span.TotalMinutes:0.#} minutes" : $"{span.TotalSeconds:0.#} seconds";

    private static string Version =>
        typeof(AnalyzeRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";
}
