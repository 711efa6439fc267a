using Fennec.Features.Traffic;

namespace Fennec.Detection.Baselines;

/// <summary>Settings of the traffic-baseline detector.</summary>
public sealed record BaselineDetectorOptions
{
    /// <summary>The baseline model of every series.</summary>
    public BaselineOptions Baseline { get; init; } = new();

    /// <summary>The host metrics followed.</summary>
    public IReadOnlyList<HostMetric> Metrics { get; init; } = Enum.GetValues<HostMetric>();

    /// <summary>
    /// How far above the expected value a bucket must be, in the metric's own unit, before it can alarm: a host that
    /// usually sends 2 kB an hour and sends 20 kB is ten times its normal, and still nothing an operator should read.
    /// </summary>
    public IReadOnlyDictionary<HostMetric, double> MinimumExcess { get; init; } = new Dictionary<HostMetric, double>
    {
        [HostMetric.BytesOut] = 20e6,
        [HostMetric.BytesIn] = 20e6,
        [HostMetric.Packets] = 20_000,
        [HostMetric.FlowsOut] = 100,
        [HostMetric.FlowsIn] = 100,
        [HostMetric.Peers] = 30,
    };

    /// <summary>Follow the whole network's edge traffic as well as each inside host.</summary>
    public bool IncludeSite { get; init; } = true;
}
