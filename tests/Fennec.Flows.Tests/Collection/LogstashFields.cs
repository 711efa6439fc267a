using System.Globalization;
using Fennec.Flows.Collection;

namespace Fennec.Flows.Tests.Collection;

/// <summary>
/// Logstash's field names (lower-case RFC 3954 names for v5/v9, IANA names for IPFIX) mapped to the
/// <see cref="TelemetryRecord"/> field that must hold the same value, formatted as logstash writes it.
/// </summary>
internal static class LogstashFields
{
    public static readonly IReadOnlyDictionary<string, Func<TelemetryRecord, object>> Carried =
        new Dictionary<string, Func<TelemetryRecord, object>>
        {
            ["version"] = r => (int)r.Protocol,
            ["flowset_id"] = r => r.TemplateId,
            ["ipv4_src_addr"] = r => r.SrcIp.ToString(),
            ["ipv4_dst_addr"] = r => r.DstIp.ToString(),
            ["ipv6_src_addr"] = r => r.SrcIp.ToString(),
            ["ipv6_dst_addr"] = r => r.DstIp.ToString(),
            ["sourceIPv4Address"] = r => r.SrcIp.ToString(),
            ["destinationIPv4Address"] = r => r.DstIp.ToString(),
            ["sourceIPv6Address"] = r => r.SrcIp.ToString(),
            ["destinationIPv6Address"] = r => r.DstIp.ToString(),
            ["ipv4_next_hop"] = r => r.NextHop.ToString(),
            ["ipNextHopIPv4Address"] = r => r.NextHop.ToString(),
            ["ipNextHopIPv6Address"] = r => r.NextHop.ToString(),
            ["in_bytes"] = r => r.Bytes,
            ["in_pkts"] = r => r.Packets,
            ["in_permanent_bytes"] = r => r.Bytes,
            ["octetDeltaCount"] = r => r.Bytes,
            ["packetDeltaCount"] = r => r.Packets,
            ["octetTotalCount"] = r => r.Bytes,
            ["packetTotalCount"] = r => r.Packets,
            ["reverseOctetTotalCount"] = r => r.ReverseBytes,
            ["reversePacketTotalCount"] = r => r.ReversePackets,
            ["input_snmp"] = r => r.InputInterface,
            ["output_snmp"] = r => r.OutputInterface,
            ["ingressInterface"] = r => r.InputInterface,
            ["egressInterface"] = r => r.OutputInterface,
            ["l4_src_port"] = r => r.SrcPort,
            ["l4_dst_port"] = r => r.DstPort,
            ["sourceTransportPort"] = r => r.SrcPort,
            ["tcp_src_port"] = r => r.SrcPort,
            ["udp_dst_port"] = r => r.DstPort,
            ["destinationTransportPort"] = r => r.DstPort,
            ["protocol"] = r => r.IpProtocol,
            ["protocolIdentifier"] = r => r.IpProtocol,
            ["tcp_flags"] = r => r.TcpFlags,
            ["tcpControlBits"] = r => r.TcpFlags,
            ["src_tos"] = r => r.Tos,
            ["ipClassOfService"] = r => r.Tos,
            ["src_as"] = r => r.SrcAs,
            ["dst_as"] = r => r.DstAs,
            ["bgpSourceAsNumber"] = r => r.SrcAs,
            ["bgpDestinationAsNumber"] = r => r.DstAs,
            ["src_mask"] = r => r.SrcMask,
            ["dst_mask"] = r => r.DstMask,
            ["ip_protocol_version"] = r => r.IpVersion,
            ["ipVersion"] = r => r.IpVersion,
            ["direction"] = r => r.Direction,
            ["flowDirection"] = r => r.Direction,
            ["forwarding_status"] = r => r.ForwardingStatus,
            ["in_src_mac"] = r => r.SrcMac.ToString(),
            ["in_dst_mac"] = r => r.DstMac.ToString(),
            ["sourceMacAddress"] = r => r.SrcMac.ToString(),
            ["src_vlan"] = r => r.Vlan,
            ["vlanId"] = r => r.Vlan,
            ["icmp_type"] = r => r.IcmpTypeCode,
            ["icmpTypeCodeIPv4"] = r => r.IcmpTypeCode,
            ["first_switched"] = r => Iso(r.FirstNs),
            ["last_switched"] = r => Iso(r.LastNs),
            ["flowStartMilliseconds"] = r => Iso(r.FirstNs),
            ["flowEndMilliseconds"] = r => Iso(r.LastNs),
            ["flowStartSeconds"] = r => Iso(r.FirstNs),
            ["flowEndSeconds"] = r => Iso(r.LastNs),
            ["flowStartMicroseconds"] = r => Iso(r.FirstNs),
            ["flowEndMicroseconds"] = r => Iso(r.LastNs),
        };

    /// <summary>ISO 8601 UTC with nanoseconds; comparisons cut it to the digits logstash shows.</summary>
    public static string Iso(long unixNs) =>
        DateTime.UnixEpoch.AddTicks(unixNs / 100).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture)
        + (unixNs % 100).ToString("00", CultureInfo.InvariantCulture) + "Z";

    /// <summary>An <see cref="Iso"/> time cut to the fractional digits of <paramref name="like"/>.</summary>
    public static string AtPrecisionOf(string iso, string like)
    {
        var dot = like.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? 0 : like.Length - dot - 2;
        var ourDot = iso.IndexOf('.', StringComparison.Ordinal);
        return digits == 0 ? iso[..ourDot] + "Z" : iso[..(ourDot + 1 + digits)] + "Z";
    }
}
