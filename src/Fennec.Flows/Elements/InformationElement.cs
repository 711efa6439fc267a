namespace Fennec.Flows.Elements;

/// <summary>
/// Information element ids shared by NetFlow v9 (RFC 3954 field types) and IPFIX (RFC 7012, the IANA registry); both
/// numberings agree on every id here (v9 stops at 127; the higher ids are IPFIX's, which later v9 exporters reuse).
/// </summary>
internal static class InformationElement
{
    public const ushort OctetDeltaCount = 1;
    public const ushort PacketDeltaCount = 2;
    public const ushort ProtocolIdentifier = 4;
    public const ushort IpClassOfService = 5;
    public const ushort TcpControlBits = 6;
    public const ushort SourceTransportPort = 7;
    public const ushort SourceIPv4Address = 8;
    public const ushort SourceIPv4PrefixLength = 9;
    public const ushort IngressInterface = 10;
    public const ushort DestinationTransportPort = 11;
    public const ushort DestinationIPv4Address = 12;
    public const ushort DestinationIPv4PrefixLength = 13;
    public const ushort EgressInterface = 14;
    public const ushort IpNextHopIPv4Address = 15;
    public const ushort BgpSourceAsNumber = 16;
    public const ushort BgpDestinationAsNumber = 17;
    public const ushort BgpNextHopIPv4Address = 18;
    public const ushort FlowEndSysUpTime = 21;
    public const ushort FlowStartSysUpTime = 22;
    public const ushort PostOctetDeltaCount = 23;
    public const ushort PostPacketDeltaCount = 24;
    public const ushort SourceIPv6Address = 27;
    public const ushort DestinationIPv6Address = 28;
    public const ushort SourceIPv6PrefixLength = 29;
    public const ushort DestinationIPv6PrefixLength = 30;
    public const ushort IcmpTypeCodeIPv4 = 32;
    public const ushort SamplingInterval = 34;
    public const ushort SamplingAlgorithm = 35;
    public const ushort SamplerId = 48;
    public const ushort SamplerMode = 49;
    public const ushort SamplerRandomInterval = 50;
    public const ushort SourceMacAddress = 56;
    public const ushort PostDestinationMacAddress = 57;
    public const ushort VlanId = 58;
    public const ushort PostVlanId = 59;
    public const ushort IpVersion = 60;
    public const ushort FlowDirection = 61;
    public const ushort IpNextHopIPv6Address = 62;
    public const ushort BgpNextHopIPv6Address = 63;
    public const ushort DestinationMacAddress = 80;
    public const ushort PostSourceMacAddress = 81;
    public const ushort OctetTotalCount = 85;
    public const ushort PacketTotalCount = 86;
    public const ushort ForwardingStatus = 89;
    public const ushort FlowEndReason = 136;
    public const ushort IcmpTypeCodeIPv6 = 139;
    public const ushort FlowStartSeconds = 150;
    public const ushort FlowEndSeconds = 151;
    public const ushort FlowStartMilliseconds = 152;
    public const ushort FlowEndMilliseconds = 153;
    public const ushort FlowStartMicroseconds = 154;
    public const ushort FlowEndMicroseconds = 155;
    public const ushort FlowStartNanoseconds = 156;
    public const ushort FlowEndNanoseconds = 157;
    public const ushort FlowStartDeltaMicroseconds = 158;
    public const ushort FlowEndDeltaMicroseconds = 159;
    public const ushort SystemInitTimeMilliseconds = 160;
    public const ushort IcmpTypeIPv4 = 176;
    public const ushort IcmpCodeIPv4 = 177;
    public const ushort IcmpTypeIPv6 = 178;
    public const ushort IcmpCodeIPv6 = 179;
    public const ushort UdpSourcePort = 180;
    public const ushort UdpDestinationPort = 181;
    public const ushort TcpSourcePort = 182;
    public const ushort TcpDestinationPort = 183;
    public const ushort InitiatorOctets = 231;
    public const ushort ResponderOctets = 232;
    public const ushort Dot1qVlanId = 243;
    public const ushort IngressPhysicalInterface = 252;
    public const ushort EgressPhysicalInterface = 253;
    public const ushort InitiatorPackets = 298;
    public const ushort ResponderPackets = 299;
    public const ushort SelectorId = 302;
    public const ushort SamplingPacketInterval = 305;
    public const ushort SamplingPacketSpace = 306;
    public const ushort SamplingSize = 309;
    public const ushort SamplingPopulation = 310;
    public const ushort IpHeaderPacketSection = 313;
    public const ushort DataLinkFrameSection = 315;

    /// <summary>The private enterprise number of RFC 5103's reverse elements (a reverse copy of each IANA element).</summary>
    public const uint ReverseEnterprise = 29305;
}
