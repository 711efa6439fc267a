namespace Fennec.Features.Traffic;

/// <summary>Bytes, packets and flows of one bucket, with the distinct peers behind them.</summary>
public sealed class TrafficCounters
{
    /// <summary>Wire bytes (both directions of the flows counted here).</summary>
    public double Bytes { get; set; }

    /// <summary>Packets.</summary>
    public double Packets { get; set; }

    /// <summary>Flows started in the bucket.</summary>
    public long Flows { get; set; }

    /// <summary>Distinct peers (what a peer is depends on the rollup: outside hosts, inside hosts, ...).</summary>
    public DistinctCounter Peers { get; } = new();
}
