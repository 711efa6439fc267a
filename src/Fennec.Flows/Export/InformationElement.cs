namespace Fennec.Flows.Export;

/// <summary>
/// The information element ids exported, shared by NetFlow v9 (RFC 3954 field types) and IPFIX (RFC 7012, the IANA
/// registry); both numberings agree on these.
/// </summary>
internal static class InformationElement
{
    public const ushort OctetDeltaCount = 1;
    public const ushort PacketDeltaCount = 2;
    public const ushort ProtocolIdentifier = 4;
    public const ushort TcpControlBits = 6;
    public const ushort SourceTransportPort = 7;
    public const ushort SourceIPv4Address = 8;
    public const ushort IngressInterface = 10;
    public const ushort DestinationTransportPort = 11;
    public const ushort DestinationIPv4Address = 12;
    public const ushort IcmpTypeCodeIPv4 = 32;
    public const ushort FlowEndSysUpTime = 21;
    public const ushort FlowStartSysUpTime = 22;
    public const ushort SourceIPv6Address = 27;
    public const ushort DestinationIPv6Address = 28;
    public const ushort SourceMacAddress = 56;
    public const ushort VlanId = 58;
    public const ushort IpVersion = 60;
    public const ushort DestinationMacAddress = 80;
    public const ushort FlowEndReason = 136;
    public const ushort IcmpTypeCodeIPv6 = 139;
    public const ushort FlowStartMilliseconds = 152;
    public const ushort FlowEndMilliseconds = 153;
}
