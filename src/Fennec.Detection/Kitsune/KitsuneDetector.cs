using System.Diagnostics;
using Fennec.Detection.KitNet;
using Fennec.Detection.Thresholds;
using Fennec.Features.AfterImage;
using Fennec.Features.Kitsune;

namespace Fennec.Detection.Kitsune;

/// <summary>
/// Kitsune end to end: AfterImage features, the KitNET ensemble, a threshold fitted on the training scores, and
/// explanations of flagged packets. Scores equal the reference's (features bit for bit, scores within rounding).
/// </summary>
public sealed partial class KitsuneDetector
{
    /// <summary>The most packets <see cref="Process(ReadOnlySpan{PacketFields}, Span{KitsuneResult})"/> takes at once.</summary>
    public const int BlockSize = global::Fennec.Detection.KitNet.KitNet.BlockSize;

    private readonly double[] _features = new double[AfterImageExtractor.FeatureCount];
    private readonly double[] _blockFeatures = new double[BlockSize * AfterImageExtractor.FeatureCount];
    // Each packet of the last block's ensemble scores (a row per packet), and whether it was scored at all.
    private double[] _blockMembers = [];
    private readonly bool[] _blockScored = new bool[BlockSize];
    // Scores that will fit the threshold: training scores, or the calibration window's.
    private readonly List<double> _trainingScores = [];
    private readonly long _thresholdFrom;
    private AlertExplainer? _explainer;

    /// <summary>A detector that learns from scratch.</summary>
    public KitsuneDetector(KitsuneOptions? options = null)
        : this(options ?? new KitsuneOptions(), null, null, null)
    {
    }

    private KitsuneDetector(KitsuneOptions options, AfterImageExtractor? extractor, KitNet.KitNet? kitNet, ScoreThreshold? threshold)
    {
        options.Validate();
        Options = options;
        Extractor = extractor ?? new AfterImageExtractor(options.AfterImage);
        KitNet = kitNet ?? new KitNet.KitNet(AfterImageExtractor.FeatureCount, options.KitNet);
        Threshold = threshold;
        var grace = options.KitNet.AnomalyDetectorGrace;
        _thresholdFrom = options.KitNet.FirstScoredIndex - Math.Max(1, (long)Math.Ceiling(grace * options.ThresholdWindow));
    }

    /// <summary>The options in force.</summary>
    public KitsuneOptions Options { get; }

    /// <summary>The feature extractor.</summary>
    public AfterImageExtractor Extractor { get; }

    /// <summary>The ensemble.</summary>
    public KitNet.KitNet KitNet { get; }

    /// <summary>The fitted threshold; null until training ends (or when the training scores were all 0).</summary>
    public ScoreThreshold? Threshold { get; private set; }

    /// <summary>The features of the last packet processed.</summary>
    public ReadOnlySpan<double> LastFeatures => _features;

    /// <summary>Packets processed.</summary>
    public long Processed => KitNet.Processed;

    /// <summary>When set, the time of each stage is added to it (a few clock reads per packet).</summary>
    public KitsuneTimings? Timings { get; set; }

    /// <summary>Updates the features with one packet and scores it (or trains on it during the grace periods).</summary>
    public KitsuneResult Process(PacketFields packet)
    {
        var index = KitNet.Processed;
        var phase = KitNet.Phase;
        double score;
        if (Timings is { } timings)
        {
            var start = Stopwatch.GetTimestamp();
            Extractor.Update(packet, _features);
            var middle = Stopwatch.GetTimestamp();
            score = KitNet.Process(_features);
            timings.AddFeatures(middle - start);
            timings.AddKitNet(phase, Stopwatch.GetTimestamp() - middle);
        }
        else
        {
            Extractor.Update(packet, _features);
            score = KitNet.Process(_features);
        }

        return Conclude(index, phase, score);
    }

    /// <summary>
    /// Processes up to <see cref="BlockSize"/> packets in order, as <see cref="Process(PacketFields)"/> would one by one
    /// (the same features, scores and results), scoring those past the training phase together. Read each packet's
    /// features with <see cref="BlockFeatures"/> and explain one with <see cref="ExplainBlock"/>.
    /// </summary>
    /// <exception cref="ArgumentException">More than <see cref="BlockSize"/> packets, or fewer results than packets.</exception>
    public void Process(ReadOnlySpan<PacketFields> packets, Span<KitsuneResult> results)
    {
        if (packets.Length > BlockSize)
            throw new ArgumentException($"a block holds at most {BlockSize} packets", nameof(packets));
        if (results.Length < packets.Length)
            throw new ArgumentException($"{packets.Length} packets need as many results", nameof(results));

        // Packets before the executing phase train KitNET one by one; the rest (a suffix, since the phase only moves
        // on) wait for their features to be computed and are then scored together.
        var waiting = 0;
        var firstIndex = 0L;
        _blockScored.AsSpan().Clear();
        for (var k = 0; k < packets.Length; k++)
        {
            var row = _blockFeatures.AsSpan(k * AfterImageExtractor.FeatureCount, AfterImageExtractor.FeatureCount);
            if (KitNet.Phase != KitNetPhase.Executing || !global::Fennec.Detection.KitNet.KitNet.CanScoreBlocks)
            {
                results[k] = Process(packets[k]);
                _features.CopyTo(row);
                if (results[k].Phase == KitNetPhase.Executing)
                    KitNet.LastEnsembleScores.CopyTo(MembersOf(k, 1));
                continue;
            }

            if (waiting == 0)
                firstIndex = KitNet.Processed;
            if (Timings is { } timings)
            {
                var start = Stopwatch.GetTimestamp();
                Extractor.Update(packets[k], row);
                timings.AddFeatures(Stopwatch.GetTimestamp() - start);
            }
            else
            {
                Extractor.Update(packets[k], row);
            }

            waiting++;
        }

        if (waiting == 0)
            return;
        var from = packets.Length - waiting;
        var vectors = _blockFeatures.AsSpan(from * AfterImageExtractor.FeatureCount, waiting * AfterImageExtractor.FeatureCount);
        Span<double> scores = stackalloc double[BlockSize];
        var members = MembersOf(from, waiting);
        if (Timings is { } clock)
        {
            var start = Stopwatch.GetTimestamp();
            KitNet.ExecuteBlock(vectors, waiting, scores, members);
            clock.AddKitNet(KitNetPhase.Executing, Stopwatch.GetTimestamp() - start, waiting);
        }
        else
        {
            KitNet.ExecuteBlock(vectors, waiting, scores, members);
        }

        for (var k = 0; k < waiting; k++)
            results[from + k] = Conclude(firstIndex + k, KitNetPhase.Executing, scores[k]);
    }

    /// <summary>The rows of ensemble scores of <paramref name="count"/> packets of the block from <paramref name="k"/>, marked as scored.</summary>
    private Span<double> MembersOf(int k, int count)
    {
        var members = KitNet.Ensemble.Count;
        if (_blockMembers.Length != BlockSize * members)
            _blockMembers = new double[BlockSize * members];
        _blockScored.AsSpan(k, count).Fill(true);
        return _blockMembers.AsSpan(k * members, count * members);
    }

    /// <summary>The features of packet <paramref name="k"/> of the last block processed.</summary>
    public ReadOnlySpan<double> BlockFeatures(int k) =>
        _blockFeatures.AsSpan(k * AfterImageExtractor.FeatureCount, AfterImageExtractor.FeatureCount);

    /// <summary>The threshold's verdict on one packet's score, fitting the threshold when training ends.</summary>
    private KitsuneResult Conclude(long index, KitNetPhase phase, double score)
    {
        var calibration = Options.EffectiveCalibrationPackets;
        if (Threshold is null)
        {
            if (calibration == 0 && phase == KitNetPhase.Training && index >= _thresholdFrom)
                _trainingScores.Add(KitNet.LastTrainingScore);
            else if (calibration > 0 && phase == KitNetPhase.Executing)
                _trainingScores.Add(score);
            if (KitNet.Phase == KitNetPhase.Executing && (calibration == 0 || _trainingScores.Count >= calibration))
                FitThreshold();
            return new KitsuneResult(index, phase, score, 1, false);
        }

        if (phase != KitNetPhase.Executing)
            return new KitsuneResult(index, phase, score, 1, false);
        var probability = Threshold.TailProbability(score);
        return new KitsuneResult(index, phase, score, probability, Threshold.IsAnomalous(score, probability));
    }

    /// <summary>Explains the last packet scored (call it right after <see cref="Process(PacketFields)"/> flags one).</summary>
    /// <exception cref="InvalidOperationException">The detector has not been trained yet.</exception>
    public AlertExplanation Explain(PacketFields packet, int topMembers = 3)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (KitNet.Output is not { } output)
            throw new InvalidOperationException("only a trained detector explains its scores");
        // FeatureMap hands out a copy; the map no longer changes once the output layer exists, so copy it once.
        _explainer ??= new AlertExplainer(KitNet.FeatureMap!);
        return _explainer.Explain(output, KitNet.LastEnsembleScores, packet, topMembers);
    }

    /// <summary>Explains packet <paramref name="k"/> of the last block processed (right after the block flags it).</summary>
    /// <exception cref="InvalidOperationException">The detector has not been trained yet.</exception>
    public AlertExplanation ExplainBlock(int k, PacketFields packet, int topMembers = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, BlockSize);
        if (!_blockScored[k])
            throw new InvalidOperationException($"packet {k} of the last block was not scored");
        KitNet.Recall(_blockMembers.AsSpan(k * KitNet.Ensemble.Count, KitNet.Ensemble.Count));
        return Explain(packet, topMembers);
    }

    private void FitThreshold()
    {
        if (_trainingScores.Exists(s => s > 0 && double.IsFinite(s)))
            Threshold = ScoreThreshold.Fit(_trainingScores, Options.ThresholdRule, Options.TailProbability, Options.Beta);
        _trainingScores.Clear();
        _trainingScores.TrimExcess();
    }
}
