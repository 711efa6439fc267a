using Fennec.Detection.Incidents;
using Fennec.Detection.Thresholds;
using Fennec.Features.PortWindows;

namespace Fennec.Detection.PortWindows;

/// <summary>Settings of the port-window autoencoder.</summary>
public sealed record PortWindowDetectorOptions
{
    /// <summary>Units of the two hidden layers.</summary>
    public int Hidden { get; init; } = 20;

    /// <summary>Training passes over the training windows.</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Tail probability, under a log-normal fitted to the training errors, below which a window is flagged.</summary>
    public double TailProbability { get; init; } = 1e-4;

    /// <summary>Training windows needed before the detector judges anything.</summary>
    public int MinimumTrainingWindows { get; init; } = 60;
}

/// <summary>What the port-window autoencoder found: its candidates, every window's error and the threshold.</summary>
/// <param name="Candidates">Windows whose reconstruction error crossed the threshold.</param>
/// <param name="Scores">Each judged window's start (Unix nanoseconds) and reconstruction error.</param>
/// <param name="Threshold">The threshold fitted to the training errors, or null when there was too little training.</param>
public sealed record PortWindowReport(IReadOnlyList<Candidate> Candidates, IReadOnlyList<(long StartNs, double Error)> Scores, ScoreThreshold? Threshold);

/// <summary>
/// NTT Communications' real-time DDoS detector on Fennec's flows: per window, packets per second and distinct
/// opposite ports of the K source and destination ports present in the most training windows (<see cref="PortVectorizer"/>), reconstructed by a
/// small autoencoder trained on the learning period's windows; a window whose mean squared error is improbable under
/// the training errors becomes a network-wide candidate that names the ports furthest from their reconstruction.
/// </summary>
public sealed class PortWindowDetector(PortWindowDetectorOptions? options = null)
{
    /// <summary>The detector's name in candidates and incidents.</summary>
    public const string Name = "port-window";

    /// <summary>The settings.</summary>
    public PortWindowDetectorOptions Options { get; } = options ?? new PortWindowDetectorOptions();

    /// <summary>Learns on the windows ending before <paramref name="learnedUntilNs"/> and judges the rest.</summary>
    public PortWindowReport Run(PortWindowTable windows, long learnedUntilNs)
    {
        if (windows.Windows.Count == 0)
            return new PortWindowReport([], [], null);
        var width = windows.WindowNs;
        var first = windows.Windows.Keys.Min();
        var last = windows.Windows.Keys.Max();
        var training = new List<long>();
        for (var w = first; w <= last && (w + 1) * width <= learnedUntilNs; w++)
            training.Add(w);
        if (training.Count < Options.MinimumTrainingWindows)
            return new PortWindowReport([], [], null);

        var vectorizer = PortVectorizer.Fit(windows, training);
        var samples = training.Select(w =>
        {
            var v = new double[vectorizer.Length];
            vectorizer.Vector(windows.Windows.GetValueOrDefault(w), v);
            return v;
        }).ToList();
        var autoencoder = new DenseAutoencoder(vectorizer.Length, Options.Hidden, Options.Hidden);
        autoencoder.Train(samples, Options.Epochs);
        var threshold = ScoreThreshold.Fit(samples.Select(s => autoencoder.Score(s)), ThresholdRule.LogNormal, Options.TailProbability, 1);

        var candidates = new List<Candidate>();
        var scores = new List<(long, double)>();
        var vector = new double[vectorizer.Length];
        var reconstruction = new double[vectorizer.Length];
        for (var w = training[^1] + 1; w <= last; w++)
        {
            vectorizer.Vector(windows.Windows.GetValueOrDefault(w), vector);
            var error = autoencoder.Score(vector, reconstruction);
            scores.Add((w * width, error));
            if (!threshold.IsAnomalous(error))
                continue;
            var sigmas = (Math.Log(error) - threshold.LogMean) / threshold.LogStd;
            var raw = new double[vectorizer.Length];
            if (windows.Windows.TryGetValue(w, out var window))
                vectorizer.Raw(window, raw);
            candidates.Add(new Candidate(Name, "port-mix", Candidate.Site, null, w * width, (w + 1) * width - 1, sigmas,
                Describe(vectorizer, vector, raw, reconstruction, error, threshold, sigmas, w * width)));
        }
        return new PortWindowReport(candidates, scores, threshold);
    }

    private static string Describe(PortVectorizer vectorizer, double[] vector, double[] raw, double[] reconstruction, double error,
        ScoreThreshold threshold, double sigmas, long startNs)
    {
        var furthest = Enumerable.Range(0, vector.Length)
            .OrderByDescending(i => Math.Abs(vector[i] - reconstruction[i]))
            .Take(3)
            .Select(i => $"{vectorizer.Describe(i)} {Quantities.Count(raw[i])} " +
                         $"where about {Quantities.Count(vectorizer.Unscale(i, reconstruction[i]))} was expected");
        return $"the port-window autoencoder could not reconstruct the network's traffic by port in the window from " +
               $"{Quantities.Time(startNs)} (error {error:0.####}, normal up to {threshold.Cut:0.####}; {sigmas:0.#} standard deviations): " +
               string.Join(", ", furthest);
    }
}
