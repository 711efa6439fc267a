namespace Fennec.Features.Traffic;

/// <summary>What a rollup row is keyed by.</summary>
public enum RollupDimension
{
    /// <summary>The whole network (key 0).</summary>
    Site,

    /// <summary>One inside host (key: its index in <see cref="TrafficProfile.InsideHosts"/>).</summary>
    Host,

    /// <summary>The outside end's country (key: <see cref="Fennec.Enrichment.Geo.CountryCode.Packed"/>).</summary>
    Country,

    /// <summary>The IP protocol number.</summary>
    Protocol,

    /// <summary>The service: protocol in the high bits, the responder's port in the low 16 bits.</summary>
    Port,
}

/// <summary>The key of one rollup row: bucket, dimension, key within the dimension, direction.</summary>
/// <param name="Bucket">Bucket number since the Unix epoch (hours or minutes, by the rollup).</param>
/// <param name="Dimension">What <paramref name="Key"/> means.</param>
/// <param name="Key">The key within the dimension.</param>
/// <param name="Direction">Which way the flows crossed the edge.</param>
public readonly record struct RollupKey(long Bucket, RollupDimension Dimension, ulong Key, TrafficDirection Direction);
