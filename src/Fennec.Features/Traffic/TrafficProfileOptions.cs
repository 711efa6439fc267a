namespace Fennec.Features.Traffic;

/// <summary>Bucket widths and memory bounds of a <see cref="TrafficProfile"/>.</summary>
public sealed record TrafficProfileOptions
{
    /// <summary>Width of the buckets baselines follow and hourly rollups use.</summary>
    public TimeSpan Bucket { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Width of the fine rollups of the whole network.</summary>
    public TimeSpan FineBucket { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Inside hosts followed one by one; traffic of further hosts counts only towards the network.</summary>
    public int MaxInsideHosts { get; init; } = 65_536;

    /// <summary>Host pairs kept for the network map; flows of further pairs are counted as overflow.</summary>
    public int MaxPairs { get; init; } = 262_144;

    /// <summary>Rollup rows kept (hourly and fine together); further keys are counted as overflow.</summary>
    public int MaxRollupRows { get; init; } = 2_000_000;
}
