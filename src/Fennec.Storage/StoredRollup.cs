namespace Fennec.Storage;

/// <summary>The width of a rollup bucket.</summary>
public enum RollupGranularity
{
    /// <summary>One minute.</summary>
    Minute,

    /// <summary>One hour.</summary>
    Hour,
}

/// <summary>What a rollup row is grouped by.</summary>
public enum RollupDimension
{
    /// <summary>The whole site (the key is empty).</summary>
    Site,

    /// <summary>One host (the key is its address).</summary>
    Host,

    /// <summary>One country (the key is its two-letter code, empty when unknown).</summary>
    Country,

    /// <summary>One IP protocol (the key is its number).</summary>
    Protocol,

    /// <summary>One service port (the key is protocol/port, e.g. "6/443").</summary>
    Port,
}

/// <summary>Which way the traffic of a rollup row went, seen from the home network.</summary>
public enum RollupDirection
{
    /// <summary>From outside to inside.</summary>
    In,

    /// <summary>From inside to outside.</summary>
    Out,

    /// <summary>Between two inside hosts (or two outside ones).</summary>
    Internal,
}

/// <summary>Traffic totals of one bucket, dimension key and direction.</summary>
/// <param name="Granularity">Minute or hour buckets.</param>
/// <param name="BucketNs">The bucket's start (Unix ns).</param>
/// <param name="Dimension">What the row is grouped by.</param>
/// <param name="Key">The group (address, country, protocol, port; empty for the site).</param>
/// <param name="Direction">Which way the traffic went.</param>
/// <param name="Bytes">Bytes in the bucket.</param>
/// <param name="Packets">Packets in the bucket.</param>
/// <param name="Flows">Flows active in the bucket.</param>
/// <param name="DistinctPeers">Distinct peers seen in the bucket.</param>
public sealed record StoredRollup(
    RollupGranularity Granularity, long BucketNs, RollupDimension Dimension, string Key, RollupDirection Direction,
    long Bytes, long Packets, long Flows, long DistinctPeers);
