namespace Fennec.Features.Traffic;

/// <summary>Which way a flow crossed the edge of the home network, seen from its initiator.</summary>
public enum TrafficDirection
{
    /// <summary>An inside host initiated it towards an outside host.</summary>
    Outbound,

    /// <summary>An outside host initiated it towards an inside host.</summary>
    Inbound,

    /// <summary>Both ends inside.</summary>
    Internal,

    /// <summary>Both ends outside (transit, or a capture point outside the home networks).</summary>
    External,
}
