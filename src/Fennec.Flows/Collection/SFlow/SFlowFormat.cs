namespace Fennec.Flows.Collection.SFlow;

/// <summary>
/// sFlow data formats: the enterprise number in the top 20 bits of the format word, the format in the low 12 (sFlow
/// version 5, section 4). Only enterprise 0 (sFlow.org) formats are decoded.
/// </summary>
internal static class SFlowFormat
{
    /// <summary>A flow sample with compact source and interface words.</summary>
    public const uint FlowSample = 1;

    /// <summary>A counter sample with a compact source word.</summary>
    public const uint CounterSample = 2;

    /// <summary>A flow sample with the source and interfaces as separate format and value words.</summary>
    public const uint ExpandedFlowSample = 3;

    /// <summary>A counter sample with the source as separate type and index words.</summary>
    public const uint ExpandedCounterSample = 4;

    /// <summary>Flow record: the leading bytes of the sampled packet.</summary>
    public const uint SampledHeader = 1;

    /// <summary>Flow record: the sampled frame's Ethernet addresses and type.</summary>
    public const uint SampledEthernet = 2;

    /// <summary>Flow record: the sampled packet's IPv4 header fields.</summary>
    public const uint SampledIPv4 = 3;

    /// <summary>Flow record: the sampled packet's IPv6 header fields.</summary>
    public const uint SampledIPv6 = 4;

    /// <summary>Flow record: the ingress and egress 802.1Q VLANs and priorities.</summary>
    public const uint ExtendedSwitch = 1001;

    /// <summary>Flow record: the IP next hop and the prefix lengths of source and destination.</summary>
    public const uint ExtendedRouter = 1002;

    /// <summary>Flow record: BGP next hop, autonomous systems and AS path.</summary>
    public const uint ExtendedGateway = 1003;

    /// <summary>Sampled header protocol: Ethernet (ISO 8802-3).</summary>
    public const uint HeaderEthernet = 1;

    /// <summary>Sampled header protocol: an IPv4 packet.</summary>
    public const uint HeaderIPv4 = 11;

    /// <summary>Sampled header protocol: an IPv6 packet.</summary>
    public const uint HeaderIPv6 = 12;
}
