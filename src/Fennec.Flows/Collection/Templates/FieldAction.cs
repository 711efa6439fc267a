namespace Fennec.Flows.Collection.Templates;

/// <summary>
/// What a template field does to a record, chosen once when the template is learned so that decoding a record is a
/// dense switch over these rather than over element ids and lengths.
/// </summary>
internal enum FieldAction : byte
{
    Skip,
    SkipEnterprise,
    Bytes,
    Packets,
    ReverseBytes,
    ReversePackets,
    IpProtocol,
    Tos,
    TcpFlags,
    SrcPort,
    DstPort,

    /// <summary>The per-protocol port elements (180-183): templates carry them beside the generic ones, zero for the other protocol.</summary>
    SrcPortIfNonZero,
    DstPortIfNonZero,
    SrcIPv4,
    DstIPv4,
    SrcIPv6,
    DstIPv6,
    SrcMask,
    DstMask,
    InputInterface,
    OutputInterface,

    /// <summary>The physical interface elements (252, 253): they stand in when the record gives no (logical) interface.</summary>
    InputPhysicalInterfaceIfZero,
    OutputPhysicalInterfaceIfZero,
    IpNextHopIPv4,
    IpNextHopIPv6,
    BgpNextHopIPv4,
    BgpNextHopIPv6,
    SrcAs,
    DstAs,
    StartUptimeMs,
    EndUptimeMs,
    StartSeconds,
    EndSeconds,
    StartMilliseconds,
    EndMilliseconds,
    StartMicroseconds,
    EndMicroseconds,
    StartNanoseconds,
    EndNanoseconds,
    StartDeltaMicroseconds,
    EndDeltaMicroseconds,
    SystemInitMilliseconds,
    IcmpTypeCode,
    IcmpType,
    IcmpCode,
    SrcMac,
    DstMac,
    PostSrcMac,
    PostDstMac,
    Vlan,

    /// <summary>dot1qVlanId (243): stands in when the record gives no vlanId.</summary>
    Dot1qVlanIfZero,
    IpVersion,
    Direction,
    ForwardingStatus,
    SamplingInterval,
    SamplerId,
    SamplingPacketInterval,
    SamplingPacketSpace,

    /// <summary>PSAMP random n-out-of-N sampling (RFC 5477): n packets taken out of every N.</summary>
    SamplingSize,
    SamplingPopulation,

    /// <summary>The first bytes of a sampled packet (PSAMP, RFC 5477): from its layer 2 frame, or from its IP header.</summary>
    DataLinkFrameSection,
    IpHeaderPacketSection,
}
