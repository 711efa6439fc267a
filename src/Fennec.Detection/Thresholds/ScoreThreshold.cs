namespace Fennec.Detection.Thresholds;

/// <summary>
/// An anomaly threshold fitted to training scores. The log-normal fit (mean and deviation of the scores'
/// logarithms) gives every score a tail probability, whichever rule flags; the rule decides the cut.
/// </summary>
public sealed record ScoreThreshold
{
    /// <summary>The rule that flags.</summary>
    public required ThresholdRule Rule { get; init; }

    /// <summary>The tail probability below which the log-normal rule flags.</summary>
    public required double Probability { get; init; }

    /// <summary>The multiplier of the largest training score for the max rule.</summary>
    public required double Beta { get; init; }

    /// <summary>Mean of ln(score) over the training scores.</summary>
    public required double LogMean { get; init; }

    /// <summary>Standard deviation of ln(score) over the training scores.</summary>
    public required double LogStd { get; init; }

    /// <summary>The largest training score.</summary>
    public required double MaxTrainingScore { get; init; }

    /// <summary>Positive training scores the fit used.</summary>
    public required long TrainingScores { get; init; }

    /// <summary>The score above which packets are flagged.</summary>
    public double Cut => Rule == ThresholdRule.MaxTraining
        ? MaxTrainingScore * Beta
        : LogStd > 0 ? Math.Exp(LogMean + (LogStd * UpperQuantile(Probability))) : Math.Exp(LogMean);

    /// <summary>The log-normal upper-tail probability of a score: how often training would have scored this high.</summary>
    public double TailProbability(double score)
    {
        if (score <= 0)
            return 1;
        if (LogStd <= 0)
            return Math.Log(score) > LogMean ? 0 : 1;
        return NormalDistribution.UpperTail((Math.Log(score) - LogMean) / LogStd);
    }

    /// <summary>True when the score is flagged.</summary>
    public bool IsAnomalous(double score) => IsAnomalous(score, TailProbability(score));

    /// <summary>As <see cref="IsAnomalous(double)"/>, given the score's <see cref="TailProbability"/> already computed.</summary>
    public bool IsAnomalous(double score, double tailProbability) => Rule == ThresholdRule.MaxTraining
        ? score > MaxTrainingScore * Beta
        : tailProbability < Probability;

    /// <summary>Fits a threshold to the training scores (zeros and non-finite scores are ignored).</summary>
    /// <exception cref="ArgumentException">No positive finite score to fit, or a parameter out of range.</exception>
    public static ScoreThreshold Fit(IEnumerable<double> scores, ThresholdRule rule, double probability, double beta)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (!(probability > 0 && probability < 1))
            throw new ArgumentException($"the tail probability must be between 0 and 1, not {probability}", nameof(probability));
        if (!(beta > 0 && double.IsFinite(beta)))
            throw new ArgumentException($"β must be a positive number, not {beta}", nameof(beta));

        // Welford's running mean and variance of the logarithms.
        long n = 0;
        double mean = 0, m2 = 0, max = 0;
        foreach (var score in scores)
        {
            if (!(score > 0) || !double.IsFinite(score))
                continue;
            n++;
            var log = Math.Log(score);
            var delta = log - mean;
            mean += delta / n;
            m2 += delta * (log - mean);
            max = Math.Max(max, score);
        }

        if (n == 0)
            throw new ArgumentException("no positive training score to fit a threshold to", nameof(scores));
        return new ScoreThreshold
        {
            Rule = rule,
            Probability = probability,
            Beta = beta,
            LogMean = mean,
            LogStd = n > 1 ? Math.Sqrt(m2 / (n - 1)) : 0,
            MaxTrainingScore = max,
            TrainingScores = n,
        };
    }

    /// <summary>z such that P(Z &gt; z) = p, by bisection on the tail (monotone, so exact to double precision).</summary>
    internal static double UpperQuantile(double p)
    {
        double low = -40, high = 40;
        for (var i = 0; i < 200 && high - low > 1e-15; i++)
        {
            var mid = (low + high) / 2;
            if (NormalDistribution.UpperTail(mid) > p)
                low = mid;
            else
                high = mid;
        }

        return (low + high) / 2;
    }
}
