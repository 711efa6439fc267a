using System.Globalization;
using System.Text;
using System.Text.Json;
using Fennec.TestSupport;
using FluentAssertions;
using Xunit;

namespace Fennec.Flows.Tests.Collection;

/// <summary>
/// Datagrams from about 30 real exporters (logstash-codec-netflow's spec data) decoded field by field against the
/// events logstash expects. Every expected field is either compared or listed in <see cref="NotCarried"/>; a value
/// that differs must be listed in <see cref="Deliberate"/> with the reason.
/// </summary>
public sealed class LogstashComparisonTests
{
    public static TheoryData<string> Contexts()
    {
        var data = new TheoryData<string>();
        if (SharedData.Path is null)
        {
            data.Add("(corpus missing)");
            return data;
        }

        foreach (var context in LogstashSpec.Load())
            data.Add(context.Name);
        return data;
    }

    [CorpusTheory]
    [MemberData(nameof(Contexts))]
    public void Decodes_what_logstash_expects(string name)
    {
        var context = LogstashSpec.Load().Single(c => c.Name == name);
        var datagrams = context.Files.Select(f => File.ReadAllBytes(Path.Combine(LogstashSpec.Folder, f)));
        var (sink, decoder) = RecordingSink.Decode(datagrams);
        var problems = new StringBuilder();
        if (context.ExpectedCount is { } count && sink.Events.Count != count && !ExtraMessages.ContainsKey(name))
            problems.AppendLine($"{sink.Events.Count} events, logstash expects {count}");

        var systemInit = context.Expected
            .Select(e => e.Event.GetProperty("netflow"))
            .Where(e => e.TryGetProperty("systemInitTimeMilliseconds", out _))
            .Select(e => (long?)e.GetProperty("systemInitTimeMilliseconds").GetInt64())
            .FirstOrDefault();
        foreach (var (index, expected) in context.Expected)
        {
            if (index >= sink.Events.Count)
            {
                problems.AppendLine($"event {index}: missing");
                continue;
            }

            var (options, record) = sink.Events[index];
            var fields = expected.GetProperty("netflow");
            foreach (var field in fields.EnumerateObject())
            {
                // Options records configure the decoder (sampling, boot time); only their identity is handed on.
                if (options && field.Name is not ("version" or "flowset_id"))
                    continue;
                var pair = Compared(context, field, fields, record, systemInit);
                if (pair is not var (ours, theirs))
                {
                    if (!NotCarried.Contains(field.Name))
                        problems.AppendLine($"event {index}: field {field.Name} is neither compared nor listed as not carried");
                    continue;
                }

                if (ours == theirs || Deliberate.Any(d => d.Applies(context, field.Name, ours, theirs)))
                    continue;
                problems.AppendLine($"event {index}: {field.Name} = {ours}, logstash {theirs}");
            }
        }

        problems.ToString().Should().BeEmpty($"{name} ({string.Join("; ", decoder.Exporters)})");
    }

    /// <summary>Fennec's and logstash's value of one field as text, or null when Fennec does not carry the field.</summary>
    private static (string Ours, string Theirs)? Compared(LogstashContext context, JsonProperty field, JsonElement fields,
        Fennec.Flows.Collection.TelemetryRecord record, long? systemInit)
    {
        var value = field.Value;
        var theirs = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        var v5 = record.Protocol == Fennec.Flows.Collection.TelemetryProtocol.NetFlowV5;
        switch (field.Name)
        {
            case "forwarding_status" when value.ValueKind == JsonValueKind.Object:
                // RFC 7270: the status in the top two bits, the reason code in the low six.
                theirs = ((value.GetProperty("status").GetInt32() << 6) | value.GetProperty("reason").GetInt32()).ToString(CultureInfo.InvariantCulture);
                return (Text(record.ForwardingStatus), theirs);
            case "icmp_type" when fields.TryGetProperty("icmp_code", out _):
                // Separate type and code elements (176/177): Fennec keeps type * 256 + code.
                return (Text(record.IcmpTypeCode >> 8), theirs);
            case "tcp_src_port" or "udp_dst_port" when theirs == "0":
                // The per-protocol port elements are zero for flows of the other protocol; the generic port is kept.
                return null;
            case "icmp_code":
                return (Text(record.IcmpTypeCode & 0xFF), theirs);
            case "bgp_ipv4_next_hop" when fields.TryGetProperty("ipv4_next_hop", out _):
                return null;
            case "bgp_ipv4_next_hop":
                return (record.NextHop.ToString(), theirs);
            case "flowStartSeconds" or "flowEndSeconds" when value.ValueKind == JsonValueKind.Number:
                theirs = LogstashFields.Iso(value.GetInt64() * 1_000_000_000);
                break;
            case "flowStartSysUpTime" or "flowEndSysUpTime" when systemInit is { } init:
                var ns = (init + value.GetInt64()) * 1_000_000;
                theirs = LogstashFields.AtPrecisionOf(LogstashFields.Iso(ns), "0.000Z");
                return (LogstashFields.AtPrecisionOf(LogstashFields.Iso(field.Name == "flowStartSysUpTime" ? record.FirstNs : record.LastNs), theirs), theirs);
            case "sampling_interval" when v5:
                // v5: an interval of 0 means unsampled, which Fennec states as a rate of 1.
                return (Text(record.SamplingRate), Text(Math.Max(1, value.GetInt32())));
            case "engine_type" when v5:
                return (Text(record.ObservationDomain >> 8), theirs);
            case "engine_id" when v5:
                return (Text(record.ObservationDomain & 0xFF), theirs);
        }

        if (!LogstashFields.Carried.TryGetValue(field.Name, out var read))
            return null;
        var ours = Convert.ToString(read(record), CultureInfo.InvariantCulture)!;
        return (ours.EndsWith('Z') ? LogstashFields.AtPrecisionOf(ours, theirs) : ours, theirs);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Contexts whose file holds more than the one message logstash decodes (netcat concatenated datagrams).</summary>
    private static readonly Dictionary<string, string> ExtraMessages = new()
    {
        ["IPFIX"] = "ipfix.dat holds two IPFIX messages back to back (484 + 304 bytes); logstash decodes the first, Fennec both",
    };

    /// <summary>A way Fennec differs from logstash on purpose, and why.</summary>
    private sealed record Difference(string Why, Func<LogstashContext, string, string, string, bool> Applies);

    private static readonly Difference[] Deliberate =
    [
        new("v5 and v9 switched times: logstash counts the sub-second part up from the second before the export "
            + "time, so its times are often one second late (after the datagram was sent); Fennec takes export time - "
            + "(uptime at export - uptime at the switch)",
            (_, field, ours, theirs) => field is "first_switched" or "last_switched" && Apart(ours, theirs) == TimeSpan.FromSeconds(1)),
        new("v5 switched times before the uptime counter's last wrap: logstash subtracts in unsigned 32-bit "
            + "arithmetic and lands 2^32 ms (49.7 days) in the future; Fennec takes the difference modulo 2^32 as signed",
            (_, field, ours, theirs) => field is "first_switched" or "last_switched" && Apart(ours, theirs) == TimeSpan.FromMilliseconds(4294967296)),
        new("one address per side: a template with both IPv4 and IPv6 address fields fills the unused family with "
            + "zeros; logstash shows the zeros, Fennec keeps the address the record uses",
            (_, field, ours, theirs) => field.EndsWith("IPv6Address", StringComparison.Ordinal) && theirs == "::" && ours.Contains('.')),
        new("dateTimeMicroseconds: RFC 7011 §6.1.9 says the low 11 bits of the fraction must be ignored; logstash keeps "
            + "them, so the two agree to the microsecond and differ below it",
            (_, field, ours, theirs) => field.EndsWith("Microseconds", StringComparison.Ordinal) && ours.Length > 27
                && ours[..26] == theirs[..26]),
    ];

    private static TimeSpan Apart(string ours, string theirs) =>
        DateTime.Parse(theirs, CultureInfo.InvariantCulture) - DateTime.Parse(ours, CultureInfo.InvariantCulture);

    /// <summary>
    /// Fields logstash emits that a <see cref="Fennec.Flows.Collection.TelemetryRecord"/> does not hold: header
    /// fields (per datagram, counted per exporter instead), post-NAT and post-forwarding copies, firewall and
    /// application fields, and vendors' enterprise elements (skipped and counted).
    /// </summary>
    private static readonly HashSet<string> NotCarried =
    [
        // Per-datagram header fields: counted per exporter (sequence gaps), not copied into every record.
        "flow_seq_num", "flow_records",
        // v9 per-record engine and sampler ids: the rate they select is applied; the ids are not kept.
        "engine_id", "flow_sampler_id", "sampling_interval", "sampling_algorithm",
        // Shown by logstash beside the IP next hop, which Fennec keeps instead.
        "bgp_ipv4_next_hop",
        // Per-protocol ports (180-183) when zero: the flow is of the other protocol.
        "tcp_src_port", "udp_dst_port",
        // Raw uptimes where no systemInitTimeMilliseconds tells the exporter's boot time.
        "flowStartSysUpTime", "flowEndSysUpTime",
        // Post-forwarding and post-NAT copies, egress VLAN and MACs, and the output counters of bidirectional exporters.
        "out_bytes", "out_pkts", "out_src_mac", "out_dst_mac", "dst_vlan", "postIpDiffServCodePoint",
        "postNATSourceIPv4Address", "postNATDestinationIPv4Address", "xlate_src_addr_ipv4", "xlate_dst_addr_ipv4",
        "xlate_src_port", "xlate_dst_port", "natInsideSvcid", "natOutsideSvcid", "natSubString",
        // Per-flow details a flow store does not keep: end reasons, durations, TTLs, lengths, ids, DSCP copies.
        "flowEndReason", "flow_end_reason", "flowDurationMilliseconds", "flowAttributes", "flowId", "maximumTTL",
        "minimumIpTotalLength", "maximumIpTotalLength", "ipv4_ident", "ipv4_src_prefix", "ip_dscp", "ipDiffServCodePoint",
        "ipPrecedence", "initialTCPFlags", "unionTCPFlags", "tcpOptions", "tcpSequenceNumber", "ethernetType",
        "mpls_label_stack_octets", "layer2SegmentId", "ingressVRFID", "egressVRFID", "VRFname",
        "ingressPhysicalInterface", "egressPhysicalInterface", "src_traffic_index", "dst_traffic_index", "flows",
        // RFC 5103 reverse fields other than the reverse counters.
        "reverseFlowAttributes", "reverseFlowDeltaMilliseconds", "reverseIcmpTypeCodeIPv4", "reverseInitialTCPFlags",
        "reverseIpClassOfService", "reverseTcpSequenceNumber", "reverseUnionTCPFlags", "reverseVlanId",
        // Firewall events and application identification (Cisco ASA, Palo Alto, Fortigate, NBAR, nProbe, YAF).
        "conn_id", "fw_event", "fw_ext_event", "firewallEvent", "event_time_msec", "flow_start_msec",
        "fwd_flow_delta_bytes", "rev_flow_delta_bytes", "ingress_acl_id", "egress_acl_id", "username", "user_id",
        "app_id", "application_id", "application_name", "privateEnterpriseNumber", "nprobe_proto", "nprobe_proto_name",
        "silkAppLabel",
        // Wireless controller fields (Cisco WLC).
        "staIPv4Address", "staMacAddress", "wtpMacAddress", "wlanSSID",
        // Enterprise elements: skipped and counted (Barracuda, IXIA, Procera, Streamcore, Viptela, VMware).
        "AuditCounter", "BindIPv4Address", "BindTransportPort", "ConnIPv4Address", "ConnTransportPort", "FW_Rule",
        "LogOp", "Reason", "ReasonText", "ServiceName", "Timestamp", "TrafficType",
        "ixiaBrowserId", "ixiaBrowserName", "ixiaDeviceId", "ixiaDeviceName", "ixiaDstAsName", "ixiaDstLatitude",
        "ixiaDstLongitude", "ixiaHttpHostName", "ixiaHttpUri", "ixiaHttpUserAgent", "ixiaL7AppId", "ixiaL7AppName",
        "ixiaLatency", "ixiaRevOctetDeltaCount", "ixiaRevPacketDeltaCount", "ixiaSrcAsName", "ixiaSrcLatitude",
        "ixiaSrcLongitude", "ixiaThreatIPv4", "ixiaThreatType",
        "proceraBaseService", "proceraContentCategories", "proceraFlowBehavior", "proceraHttpContentType",
        "proceraHttpFileLength", "proceraHttpLocation", "proceraHttpUrl", "proceraIncomingOctets",
        "proceraOutgoingOctets", "proceraService", "proceraSubscriberIdentifier", "proceraTemplateName",
        "streamcore_call_direction", "streamcore_hostname", "streamcore_id_rule_1", "streamcore_id_rule_2",
        "streamcore_id_rule_3", "streamcore_id_rule_4", "streamcore_id_rule_5", "streamcore_id_rule_6",
        "streamcore_id_rule_7", "streamcore_id_rule_8", "streamcore_id_rule_9", "streamcore_id_rule_10",
        "streamcore_net_app_resp_time", "streamcore_tcp_retrans_rate", "streamcore_total_app_resp_time",
        "streamcore_url", "streamcore_wan_rtt", "viptelaVPNId", "vmwareEgressInterfaceAttr",
        "vmwareIngressInterfaceAttr", "vmwareVxlanExportRole",
        "netscalerAaaUsername", "netscalerAppNameAppId", "netscalerAppUnitNameAppId", "netscalerConnectionChainHopCount",
        "netscalerConnectionChainID", "netscalerConnectionId", "netscalerFlowFlags", "netscalerHttpContentType",
        "netscalerHttpDomainName", "netscalerHttpReqAuthorization", "netscalerHttpReqCookie", "netscalerHttpReqHost",
        "netscalerHttpReqMethod", "netscalerHttpReqReferer", "netscalerHttpReqUrl", "netscalerHttpReqUserAgent",
        "netscalerHttpReqVia", "netscalerHttpReqXForwardedFor", "netscalerHttpResForwFB", "netscalerHttpResForwLB",
        "netscalerTransactionId", "netscalerUnknown330",
        // Metering process identities (per exporter, not per flow).
        "observationPointId", "exportingProcessId",
    ];
}
