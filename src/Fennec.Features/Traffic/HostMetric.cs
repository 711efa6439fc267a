namespace Fennec.Features.Traffic;

/// <summary>The per-host measures that baselines follow, one value per host per bucket.</summary>
public enum HostMetric
{
    /// <summary>Bytes the host sent.</summary>
    BytesOut,

    /// <summary>Bytes the host received.</summary>
    BytesIn,

    /// <summary>Packets sent and received.</summary>
    Packets,

    /// <summary>Flows the host initiated.</summary>
    FlowsOut,

    /// <summary>Flows other hosts initiated towards it.</summary>
    FlowsIn,

    /// <summary>Distinct hosts it talked to, either way.</summary>
    Peers,
}
