using System.Collections.Concurrent;
using Fennec.Detection.KitNet;
using KitNetDetector = Fennec.Detection.KitNet.KitNet;

namespace Fennec.Detection.Tests.KitNet;

/// <summary>One autoencoder's parameters, copied.</summary>
internal sealed record AutoencoderState(int Visible, int Hidden, double[] Weights, double[] HiddenBias, double[] VisibleBias, double[] NormMin, double[] NormMax)
{
    public static AutoencoderState Of(Autoencoder a) =>
        new(a.Visible, a.Hidden, a.Weights.ToArray(), a.HiddenBias.ToArray(), a.VisibleBias.ToArray(), a.NormMin.ToArray(), a.NormMax.ToArray());
}

/// <summary>
/// KitNET run once over a capture's golden features, keeping what the golden tests compare: every score, the ensemble
/// scores of the first 5,000 scored packets, the model just before the first scored packet and the feature mapper.
/// </summary>
internal sealed class GoldenRun
{
    public const int EnsembleRowsKept = 5_000;

    private static readonly ConcurrentDictionary<string, Lazy<GoldenRun>> Runs = new(StringComparer.Ordinal);

    private GoldenRun(GoldenCapture capture)
    {
        Capture = capture;
        var features = capture.Features();
        var packets = features.Length / GoldenCapture.FeatureCount;
        var kitnet = new KitNetDetector(GoldenCapture.FeatureCount, capture.Options);
        Scores = new double[packets];
        for (var p = 0; p < packets; p++)
        {
            if (kitnet.Phase == KitNetPhase.Executing && FirstScoredIndex < 0)
            {
                FirstScoredIndex = p;
                Ensemble = [.. kitnet.Ensemble.Select(AutoencoderState.Of)];
                Output = AutoencoderState.Of(kitnet.Output!);
            }

            Scores[p] = kitnet.Process(features.AsSpan(p * GoldenCapture.FeatureCount, GoldenCapture.FeatureCount));
            if (FirstScoredIndex >= 0 && EnsembleRows.Count < EnsembleRowsKept)
                EnsembleRows.Add(kitnet.LastEnsembleScores.ToArray());
        }

        Detector = kitnet;
        Features = features;
    }

    public GoldenCapture Capture { get; }

    public double[] Features { get; }

    public KitNetDetector Detector { get; }

    public double[] Scores { get; }

    public long FirstScoredIndex { get; } = -1;

    public List<double[]> EnsembleRows { get; } = [];

    public AutoencoderState[] Ensemble { get; } = [];

    public AutoencoderState? Output { get; }

    public static GoldenRun For(string name) =>
        Runs.GetOrAdd(name, n => new Lazy<GoldenRun>(() => new GoldenRun(GoldenCapture.Get(n)))).Value;
}
