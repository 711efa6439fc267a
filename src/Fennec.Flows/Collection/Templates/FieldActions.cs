using IE = Fennec.Flows.Elements.InformationElement;

namespace Fennec.Flows.Collection.Templates;

/// <summary>Maps a template field's element and length to the <see cref="FieldAction"/> that decodes it.</summary>
internal static class FieldActions
{
    /// <summary>
    /// The action for a field, or <see cref="FieldAction.Skip"/> for elements Fennec does not keep. A known element
    /// with a length its type cannot have also maps to Skip, and <paramref name="badLength"/> says so.
    /// </summary>
    public static FieldAction For(ushort elementId, uint enterprise, ushort length, out bool badLength)
    {
        badLength = false;
        if (enterprise != 0)
        {
            if (enterprise == IE.ReverseEnterprise)
            {
                var reverse = elementId switch
                {
                    IE.OctetDeltaCount or IE.OctetTotalCount => FieldAction.ReverseBytes,
                    IE.PacketDeltaCount or IE.PacketTotalCount => FieldAction.ReversePackets,
                    _ => FieldAction.Skip,
                };
                return Checked(reverse, length, ref badLength);
            }

            return FieldAction.SkipEnterprise;
        }

        var action = elementId switch
        {
            IE.OctetDeltaCount or IE.OctetTotalCount or IE.InitiatorOctets => FieldAction.Bytes,
            IE.PacketDeltaCount or IE.PacketTotalCount or IE.InitiatorPackets => FieldAction.Packets,
            IE.ResponderOctets => FieldAction.ReverseBytes,
            IE.ResponderPackets => FieldAction.ReversePackets,
            IE.ProtocolIdentifier => FieldAction.IpProtocol,
            IE.IpClassOfService => FieldAction.Tos,
            IE.TcpControlBits => FieldAction.TcpFlags,
            IE.SourceTransportPort => FieldAction.SrcPort,
            IE.DestinationTransportPort => FieldAction.DstPort,
            IE.UdpSourcePort or IE.TcpSourcePort => FieldAction.SrcPortIfNonZero,
            IE.UdpDestinationPort or IE.TcpDestinationPort => FieldAction.DstPortIfNonZero,
            IE.SourceIPv4Address => FieldAction.SrcIPv4,
            IE.DestinationIPv4Address => FieldAction.DstIPv4,
            IE.SourceIPv6Address => FieldAction.SrcIPv6,
            IE.DestinationIPv6Address => FieldAction.DstIPv6,
            IE.SourceIPv4PrefixLength or IE.SourceIPv6PrefixLength => FieldAction.SrcMask,
            IE.DestinationIPv4PrefixLength or IE.DestinationIPv6PrefixLength => FieldAction.DstMask,
            IE.IngressInterface => FieldAction.InputInterface,
            IE.EgressInterface => FieldAction.OutputInterface,
            IE.IngressPhysicalInterface => FieldAction.InputPhysicalInterfaceIfZero,
            IE.EgressPhysicalInterface => FieldAction.OutputPhysicalInterfaceIfZero,
            IE.IpNextHopIPv4Address => FieldAction.IpNextHopIPv4,
            IE.IpNextHopIPv6Address => FieldAction.IpNextHopIPv6,
            IE.BgpNextHopIPv4Address => FieldAction.BgpNextHopIPv4,
            IE.BgpNextHopIPv6Address => FieldAction.BgpNextHopIPv6,
            IE.BgpSourceAsNumber => FieldAction.SrcAs,
            IE.BgpDestinationAsNumber => FieldAction.DstAs,
            IE.FlowStartSysUpTime => FieldAction.StartUptimeMs,
            IE.FlowEndSysUpTime => FieldAction.EndUptimeMs,
            IE.FlowStartSeconds => FieldAction.StartSeconds,
            IE.FlowEndSeconds => FieldAction.EndSeconds,
            IE.FlowStartMilliseconds => FieldAction.StartMilliseconds,
            IE.FlowEndMilliseconds => FieldAction.EndMilliseconds,
            IE.FlowStartMicroseconds => FieldAction.StartMicroseconds,
            IE.FlowEndMicroseconds => FieldAction.EndMicroseconds,
            IE.FlowStartNanoseconds => FieldAction.StartNanoseconds,
            IE.FlowEndNanoseconds => FieldAction.EndNanoseconds,
            IE.FlowStartDeltaMicroseconds => FieldAction.StartDeltaMicroseconds,
            IE.FlowEndDeltaMicroseconds => FieldAction.EndDeltaMicroseconds,
            IE.SystemInitTimeMilliseconds => FieldAction.SystemInitMilliseconds,
            IE.IcmpTypeCodeIPv4 or IE.IcmpTypeCodeIPv6 => FieldAction.IcmpTypeCode,
            IE.IcmpTypeIPv4 or IE.IcmpTypeIPv6 => FieldAction.IcmpType,
            IE.IcmpCodeIPv4 or IE.IcmpCodeIPv6 => FieldAction.IcmpCode,
            IE.SourceMacAddress => FieldAction.SrcMac,
            IE.DestinationMacAddress => FieldAction.DstMac,
            IE.PostSourceMacAddress => FieldAction.PostSrcMac,
            IE.PostDestinationMacAddress => FieldAction.PostDstMac,
            IE.VlanId => FieldAction.Vlan,
            IE.Dot1qVlanId => FieldAction.Dot1qVlanIfZero,
            IE.IpVersion => FieldAction.IpVersion,
            IE.FlowDirection => FieldAction.Direction,
            IE.ForwardingStatus => FieldAction.ForwardingStatus,
            IE.SamplingInterval or IE.SamplerRandomInterval => FieldAction.SamplingInterval,
            IE.SamplerId or IE.SelectorId => FieldAction.SamplerId,
            IE.SamplingPacketInterval => FieldAction.SamplingPacketInterval,
            IE.SamplingPacketSpace => FieldAction.SamplingPacketSpace,
            IE.SamplingSize => FieldAction.SamplingSize,
            IE.SamplingPopulation => FieldAction.SamplingPopulation,
            IE.DataLinkFrameSection => FieldAction.DataLinkFrameSection,
            IE.IpHeaderPacketSection => FieldAction.IpHeaderPacketSection,
            _ => FieldAction.Skip,
        };
        return Checked(action, length, ref badLength);
    }

    private static FieldAction Checked(FieldAction action, ushort length, ref bool badLength)
    {
        if (action == FieldAction.Skip || FitsLength(action, length))
            return action;
        badLength = true;
        return FieldAction.Skip;
    }

    /// <summary>
    /// Addresses need their exact size; numbers take any size from 1 to 8 bytes (RFC 7011 reduced-size encoding);
    /// packet sections any size, variable included.
    /// </summary>
    private static bool FitsLength(FieldAction action, ushort length) => action switch
    {
        FieldAction.DataLinkFrameSection or FieldAction.IpHeaderPacketSection => length >= 1,
        FieldAction.SrcIPv4 or FieldAction.DstIPv4 or FieldAction.IpNextHopIPv4 or FieldAction.BgpNextHopIPv4 => length == 4,
        FieldAction.SrcIPv6 or FieldAction.DstIPv6 or FieldAction.IpNextHopIPv6 or FieldAction.BgpNextHopIPv6 => length == 16,
        FieldAction.SrcMac or FieldAction.DstMac or FieldAction.PostSrcMac or FieldAction.PostDstMac => length == 6,
        _ => length is >= 1 and <= 8,
    };
}
