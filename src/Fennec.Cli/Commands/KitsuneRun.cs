using System.Diagnostics;
using Fennec.Cli.Output;
using Fennec.Detection.KitNet;
using Fennec.Detection.Kitsune;
using Fennec.Features.AfterImage;
using Fennec.Features.Kitsune;
using Fennec.Packets.Capture;
using Fennec.Packets.Text;

namespace Fennec.Cli.Commands;

/// <summary>One run of <c>fennec kitsune</c>: opens the input, the outputs and the model, scores every packet, reports.</summary>
internal sealed class KitsuneRun(CliIO io, string input, KitsuneOptions options)
{
    private const string Name = "fennec kitsune";

    public string? FeaturesPath { get; init; }

    public string? ScoresPath { get; init; }

    public string? AlertsPath { get; init; }

    public string? SaveModelPath { get; init; }

    public string? ModelPath { get; init; }

    public bool FreshStatistics { get; init; }

    public long Limit { get; init; } = long.MaxValue;

    public bool FeaturesOnly { get; init; }

    public bool ReportTimings { get; init; }

    public int Execute()
    {
        var detector = OpenDetector();
        if (detector is null)
            return ExitCodes.CannotOpen;
        using var source = OpenSource();
        if (source is null)
            return ExitCodes.CannotOpen;

        Utf8LineWriter? features = null, scores = null, alerts = null;
        try
        {
            features = OpenOutput(FeaturesPath);
            scores = OpenOutput(ScoresPath);
            alerts = AlertsPath is null ? new Utf8LineWriter(io.Output, leaveOpen: true) : OpenOutput(AlertsPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"{Name}: cannot write {e.Message}");
            features?.Dispose();
            scores?.Dispose();
            return ExitCodes.CannotOpen;
        }

        using (features)
        using (scores)
        using (alerts)
        {
            if (FeaturesOnly)
                return ExtractOnly(detector.Extractor, source, features);
            if (ReportTimings)
                detector.Timings = new KitsuneTimings();
            var exit = Score(detector, source, features, scores, alerts!, out var counts);
            Report(detector, source, counts);
            if (SaveModelPath is not null)
                exit = Math.Max(exit, SaveModel(detector));
            return exit;
        }
    }

    private KitsuneDetector? OpenDetector()
    {
        if (ModelPath is null)
            return new KitsuneDetector(options);
        try
        {
            using var stream = File.OpenRead(ModelPath);
            var bounded = options.AfterImage.MaxStreamsPerTable is not null || options.AfterImage.ExpiryWeight is not null;
            var detector = KitsuneDetector.Load(stream, bounded ? options.AfterImage : null, FreshStatistics);
            io.Error.WriteLine($"{Name}: loaded {ModelPath}: {detector.KitNet.Ensemble.Count} autoencoders, {detector.Processed} packets seen, " +
                               $"{(detector.KitNet.Phase == KitNetPhase.Executing ? "trained" : "still training")}" +
                               $"{(FreshStatistics ? ", statistics started afresh" : "")}.");
            return detector;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"{Name}: cannot open the model {ModelPath}: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            io.Error.WriteLine($"{Name}: {ModelPath}: {e.Message}");
        }

        return null;
    }

    private KitsunePacketSource? OpenSource()
    {
        try
        {
            return input == "-" ? KitsunePacketSource.FromCapture(CaptureReader.Open(io.Input(), "-")) : KitsunePacketSource.Open(input);
        }
        catch (Exception e) when (e is CaptureFormatException or KitsuneInputException)
        {
            io.Error.WriteLine($"{Name}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"{Name}: cannot open {input}: {e.Message}");
        }

        return null;
    }

    private static Utf8LineWriter? OpenOutput(string? path) =>
        path is null ? null : new Utf8LineWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), leaveOpen: false);

    private int Score(KitsuneDetector detector, KitsunePacketSource source, Utf8LineWriter? features, Utf8LineWriter? scores,
        Utf8LineWriter alerts, out RunCounts counts)
    {
        counts = new RunCounts();
        WriteFeatureHeader(features);

        if (scores is not null)
        {
            scores.WriteAscii("rmse");
            scores.EndLine();
        }

        // Packets go to the detector a few at a time, so that those past training are scored together.
        var block = new PacketFields[KitsuneDetector.BlockSize];
        for (var k = 0; k < block.Length; k++)
            block[k] = new PacketFields();
        var results = new KitsuneResult[block.Length];
        using var progress = new ProgressLine(io);
        var clock = Stopwatch.StartNew();
        var exit = ExitCodes.Success;
        double? cut = null;
        try
        {
            while (true)
            {
                var count = 0;
                Exception? damage = null;
                try
                {
                    while (count < block.Length && counts.Packets + count < Limit && source.TryRead(block[count]))
                        count++;
                }
                catch (Exception e) when (e is CaptureFormatException or KitsuneInputException)
                {
                    // The packets read before the damage are still scored and written.
                    damage = e;
                }

                detector.Process(block.AsSpan(0, count), results);
                for (var k = 0; k < count; k++)
                {
                    var result = results[k];
                    counts.Count(result);
                    if (features is not null)
                        WriteFeatures(features, detector.BlockFeatures(k));
                    if (scores is not null)
                    {
                        scores.Write(result.Score);
                        scores.EndLine();
                    }

                    if (result.IsAnomalous)
                    {
                        // The threshold is fixed once fitted; its cut is found by bisection, so it is computed once.
                        cut ??= detector.Threshold!.Cut;
                        AlertWriter.Write(alerts, result, block[k], detector.ExplainBlock(k, block[k]), cut.Value);
                    }

                    if ((counts.Packets & 0x3FFF) == 0)
                        progress.Show(counts.Packets, clock.Elapsed, result.Phase);
                }

                if (damage is not null)
                {
                    io.Error.WriteLine($"{Name}: {damage.Message}; the {counts.Packets} packets before it were scored.");
                    exit = ExitCodes.DamagedInput;
                    break;
                }

                if (count < block.Length)
                    break;
            }
        }
        catch (InvalidOperationException e)
        {
            io.Error.WriteLine($"{Name}: stopped after {counts.Packets} packets: {e.Message}");
            exit = ExitCodes.DamagedInput;
        }
        catch (IOException)
        {
            // The reader of our output went away.
        }

        counts.Elapsed = clock.Elapsed;
        return exit;
    }

    private int ExtractOnly(AfterImageExtractor extractor, KitsunePacketSource source, Utf8LineWriter? features)
    {
        WriteFeatureHeader(features);
        var fields = new PacketFields();
        var values = new double[AfterImageExtractor.FeatureCount];
        var clock = Stopwatch.StartNew();
        long packets = 0;
        var exit = ExitCodes.Success;
        try
        {
            while (packets < Limit && source.TryRead(fields))
            {
                extractor.Update(fields, values);
                packets++;
                if (features is not null)
                    WriteFeatures(features, values);
            }
        }
        catch (Exception e) when (e is CaptureFormatException or KitsuneInputException)
        {
            io.Error.WriteLine($"{Name}: {e.Message}; the features of the {packets} packets before it were computed.");
            exit = ExitCodes.DamagedInput;
        }
        catch (IOException)
        {
            // The reader of our output went away.
        }

        var seconds = clock.Elapsed.TotalSeconds;
        io.Error.WriteLine($"{Name}: features of {packets} packets in {seconds:0.###} s ({(seconds > 0 ? packets / seconds : 0):0} packets/s).");
        var a = extractor.Statistics;
        io.Error.WriteLine($"{Name}: statistics: {a.Streams} streams and {a.Pairs} pairs held (~{a.ApproximateBytes >> 20} MiB), {a.Evicted} evicted, {a.Expired} expired.");
        return exit;
    }

    private static void WriteFeatureHeader(Utf8LineWriter? features)
    {
        if (features is null)
            return;
        features.WriteAscii(string.Join(',', FeatureNames.All));
        features.EndLine();
    }

    private static void WriteFeatures(Utf8LineWriter writer, ReadOnlySpan<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
                writer.Write(',');
            writer.Write(values[i]);
        }

        writer.EndLine();
    }

    private int SaveModel(KitsuneDetector detector)
    {
        try
        {
            using var stream = new FileStream(SaveModelPath!, FileMode.Create, FileAccess.Write);
            detector.Save(stream);
            io.Error.WriteLine($"{Name}: saved the detector to {SaveModelPath} ({stream.Length} bytes).");
            return ExitCodes.Success;
        }
        catch (InvalidOperationException e)
        {
            io.Error.WriteLine($"{Name}: cannot save the model: {e.Message}.");
            TryDelete(SaveModelPath!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"{Name}: cannot write the model {SaveModelPath}: {e.Message}");
        }

        return ExitCodes.CannotOpen;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }

    private void Report(KitsuneDetector detector, KitsunePacketSource source, RunCounts counts)
    {
        var seconds = counts.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? counts.Packets / seconds : 0;
        io.Error.WriteLine($"{Name}: {counts.Packets} packets ({counts.Mapping} mapping features, {counts.Training} training, {counts.Scored} scored) " +
                           $"in {seconds:0.###} s ({rate:0} packets/s); {counts.Alerts} flagged.");
        if (detector.Threshold is { } t)
        {
            var fitted = detector.Options.EffectiveCalibrationPackets > 0 ? "calibration" : "training";
            io.Error.WriteLine($"{Name}: threshold {t.Rule}: log-normal fit of {t.TrainingScores} {fitted} scores (ln mean {t.LogMean:0.####}, ln sd {t.LogStd:0.####}), " +
                               $"largest {t.MaxTrainingScore:0.######}, flags scores above {t.Cut:0.######}.");
        }
        else if (detector.KitNet.Phase != KitNetPhase.Executing)
        {
            var first = detector.Options.KitNet.FirstScoredIndex;
            io.Error.WriteLine($"{Name}: still learning: scoring starts at packet {first + 1} (--fm-grace + --ad-grace + 2), " +
                               $"flagging {detector.Options.EffectiveCalibrationPackets} packets later; this input had {detector.Processed}.");
        }

        if (detector.Timings is { } timings)
        {
            string Stage(TimeSpan time, long packets) =>
                $"{time.TotalSeconds:0.###} s for {packets} packets ({(time.TotalSeconds > 0 ? packets / time.TotalSeconds : 0):0}/s)";
            io.Error.WriteLine($"{Name}: time: features {Stage(timings.Features, timings.FeaturePackets)}; " +
                               $"KitNET mapping {Stage(timings.KitNet(KitNetPhase.MappingFeatures), timings.KitNetPackets(KitNetPhase.MappingFeatures))}, " +
                               $"training {Stage(timings.KitNet(KitNetPhase.Training), timings.KitNetPackets(KitNetPhase.Training))}, " +
                               $"scoring {Stage(timings.KitNet(KitNetPhase.Executing), timings.KitNetPackets(KitNetPhase.Executing))}.");
        }

        var a = detector.Extractor.Statistics;
        io.Error.WriteLine($"{Name}: statistics: {a.Streams} streams and {a.Pairs} pairs held (~{a.ApproximateBytes >> 20} MiB), " +
                           $"{a.Evicted} evicted, {a.Expired} expired.");
        if (source.TruncatedLines > 0)
            io.Error.WriteLine($"{Name}: {source.Name}: the last line was cut short and skipped.");
    }

    private sealed class RunCounts
    {
        public long Packets;
        public long Mapping;
        public long Training;
        public long Scored;
        public long Alerts;
        public TimeSpan Elapsed;

        public void Count(KitsuneResult result)
        {
            Packets++;
            switch (result.Phase)
            {
                case KitNetPhase.MappingFeatures:
                    Mapping++;
                    break;
                case KitNetPhase.Training:
                    Training++;
                    break;
                default:
                    Scored++;
                    break;
            }

            if (result.IsAnomalous)
                Alerts++;
        }
    }
}
