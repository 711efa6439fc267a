namespace Fennec.Features.Traffic;

/// <summary>One host's (or the whole network's) traffic in one bucket, split by direction.</summary>
public sealed class HostBucket
{
    /// <summary>Bytes sent.</summary>
    public double BytesOut { get; set; }

    /// <summary>Bytes received.</summary>
    public double BytesIn { get; set; }

    /// <summary>Packets sent and received.</summary>
    public double Packets { get; set; }

    /// <summary>Flows initiated.</summary>
    public long FlowsOut { get; set; }

    /// <summary>Flows received.</summary>
    public long FlowsIn { get; set; }

    /// <summary>Distinct peers, either way.</summary>
    public DistinctCounter Peers { get; } = new();

    /// <summary>The value of one metric.</summary>
    public double Get(HostMetric metric) => metric switch
    {
        HostMetric.BytesOut => BytesOut,
        HostMetric.BytesIn => BytesIn,
        HostMetric.Packets => Packets,
        HostMetric.FlowsOut => FlowsOut,
        HostMetric.FlowsIn => FlowsIn,
        HostMetric.Peers => Peers.Count,
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };
}
