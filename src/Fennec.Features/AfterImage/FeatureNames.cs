namespace Fennec.Features.AfterImage;

/// <summary>The reference's names of the 100 AfterImage features (the third 1D statistic is a variance, though named "std").</summary>
public static class FeatureNames
{
    /// <summary>The column names, in order.</summary>
    public static IReadOnlyList<string> All { get; } = Build();

    /// <summary>A readable name of the statistics family a feature belongs to, with its time window, for explanations.</summary>
    public static string GroupOf(int feature)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(feature);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(feature, AfterImageExtractor.FeatureCount);
        var (family, start, width) = feature switch
        {
            < AfterImageExtractor.ChannelStart => ("source MAC-IP statistics", AfterImageExtractor.SourceStart, 3),
            < AfterImageExtractor.JitterStart => ("channel statistics", AfterImageExtractor.ChannelStart, 7),
            < AfterImageExtractor.SocketStart => ("channel jitter statistics", AfterImageExtractor.JitterStart, 3),
            _ => ("socket statistics", AfterImageExtractor.SocketStart, 7),
        };
        return $"{family}, {DecayFactors.WindowName((feature - start) / width)}";
    }

    private static string[] Build()
    {
        var names = new List<string>(AfterImageExtractor.FeatureCount);
        foreach (var l in DecayFactors.Names)
            names.AddRange([$"MI_dir_{l}_weight", $"MI_dir_{l}_mean", $"MI_dir_{l}_std"]);
        foreach (var l in DecayFactors.Names)
            names.AddRange(Paired("HH", l));
        foreach (var l in DecayFactors.Names)
            names.AddRange([$"HH_jit_{l}_weight", $"HH_jit_{l}_mean", $"HH_jit_{l}_std"]);
        foreach (var l in DecayFactors.Names)
            names.AddRange(Paired("HpHp", l));
        return [.. names];
    }

    private static string[] Paired(string prefix, string l) =>
    [
        $"{prefix}_{l}_weight_0", $"{prefix}_{l}_mean_0", $"{prefix}_{l}_std_0", $"{prefix}_{l}_radius_0_1",
        $"{prefix}_{l}_magnitude_0_1", $"{prefix}_{l}_covariance_0_1", $"{prefix}_{l}_pcc_0_1",
    ];
}
