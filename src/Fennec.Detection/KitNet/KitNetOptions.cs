namespace Fennec.Detection.KitNet;

/// <summary>KitNET's parameters, with the defaults of Kitsune's <c>example.py</c>.</summary>
public sealed record KitNetOptions
{
    /// <summary>The most features one autoencoder of the ensemble takes, m (default 10).</summary>
    public int MaxAutoencoderSize { get; init; } = 10;

    /// <summary>
    /// Vectors, after the first, that feed the feature mapper before the map is built (default 5,000): vectors 0 to
    /// this value inclusive are mapped. Null means the same as <see cref="AnomalyDetectorGrace"/>, as in the reference.
    /// With a feature map given up front these vectors train the autoencoders instead.
    /// </summary>
    public long? FeatureMapGrace { get; init; } = 5_000;

    /// <summary>Vectors that train the autoencoders once the map is built (default 50,000).</summary>
    public long AnomalyDetectorGrace { get; init; } = 50_000;

    /// <summary>The autoencoders' gradient step (default 0.1).</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Hidden units per input of each autoencoder (default 0.75).</summary>
    public double HiddenRatio { get; init; } = 0.75;

    /// <summary>The feature-mapping grace period in use: <see cref="FeatureMapGrace"/>, or the AD grace when that is null.</summary>
    public long EffectiveFeatureMapGrace => FeatureMapGrace ?? AnomalyDetectorGrace;

    /// <summary>The index of the first vector that is scored: FM grace + AD grace + 1.</summary>
    public long FirstScoredIndex => EffectiveFeatureMapGrace + AnomalyDetectorGrace + 1;

    /// <summary>Checks the options; throws with the name of the bad one.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        if (MaxAutoencoderSize < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxAutoencoderSize), MaxAutoencoderSize, "the largest autoencoder must take at least one feature");

        // 0 is allowed: a single vector then feeds the mapper (or, with a given map, trains).
        if (FeatureMapGrace is < 0)
            throw new ArgumentOutOfRangeException(nameof(FeatureMapGrace), FeatureMapGrace, "the feature-mapping grace period must not be negative");

        // At least one training vector: untrained autoencoders have no input range and score NaN.
        if (AnomalyDetectorGrace < 1)
            throw new ArgumentOutOfRangeException(nameof(AnomalyDetectorGrace), AnomalyDetectorGrace, "the training grace period must be positive");
        if (EffectiveFeatureMapGrace > long.MaxValue - AnomalyDetectorGrace - 1)
            throw new ArgumentOutOfRangeException(nameof(AnomalyDetectorGrace), AnomalyDetectorGrace, "the grace periods together are too long");
        if (!double.IsFinite(LearningRate) || LearningRate <= 0)
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the learning rate must be positive and finite");
        if (!double.IsFinite(HiddenRatio) || HiddenRatio <= 0)
            throw new ArgumentOutOfRangeException(nameof(HiddenRatio), HiddenRatio, "the hidden ratio must be positive and finite");
    }
}
