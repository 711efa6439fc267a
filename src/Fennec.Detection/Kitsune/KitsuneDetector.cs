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
    private readonly double[] _features = new double[AfterImageExtractor.FeatureCount];
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

    /// <summary>Explains the last packet scored (call it right after <see cref="Process"/> flags one).</summary>
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

    private void FitThreshold()
    {
        if (_trainingScores.Exists(s => s > 0 && double.IsFinite(s)))
            Threshold = ScoreThreshold.Fit(_trainingScores, Options.ThresholdRule, Options.TailProbability, Options.Beta);
        _trainingScores.Clear();
        _trainingScores.TrimExcess();
    }
}
