using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fennec.Flows.Collection;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;
using Xunit.Abstractions;

namespace Fennec.Flows.Tests.Collection;

/// <summary>
/// Real exporters' NetFlow v9 and IPFIX datagrams from pmacct's test automation, decoded and compared with what
/// nfacctd writes for them. nfacctd sums records that share its aggregation key (the conf's aggregate primitives), so
/// Fennec's records are summed over the same key, restricted to the primitives a <see cref="TelemetryRecord"/>
/// carries: every key and every packet and byte total must agree. Times are checked per record within a key (nfacctd
/// writes a line per distinct time), TCP flags OR-ed per key (nfacctd ORs them into its cache entries). Primitives Fennec does not carry are listed in
/// <see cref="NotCarried"/>; records that differ only in those are summed together on both sides.
/// </summary>
public sealed partial class PmacctComparisonTests(ITestOutputHelper output)
{
    private const string Folder = "pmacct-test-automation/tests";

    public static TheoryData<string> Tests => new(
    [
        "100-IPFIXv10-CISCO", "101-NFv9-CISCO-cust_primitives", "103-IPFIXv10-CISCO-pretag-JSON_encoding",
        "104-IPFIXv10-IPv6-CISCO-sampling_option", "110-IPFIXv10-NFv9-multiple-sources",
        "111-IPFIXv10-NFv9-IPv6-IPv4-mix_sources", "400-IPFIXv10-BMP-CISCO-SRv6-multiple-sources",
        "500-IPFIXv10-BGP-CISCO-SRv6", "501-IPFIXv10-BGP-IPv6-CISCO-MPLS", "502-IPFIXv10-BGP-IPv6-CISCO-SRv6-lcomms",
    ]);

    /// <summary>
    /// Primitives nfacctd aggregates on that a record does not carry: pre-tag labels and maps, MPLS (VPN route
    /// distinguisher, label stack, top label), NAT events and post-NAT addresses, VRF ids and names, SRv6 header fields
    /// and segment lists, inner (tunnel) headers, BGP attributes looked up in nfacctd's BGP/BMP tables (communities,
    /// AS paths), the arrival time (nfacctd's clock), 802.1p CoS and the customer VLAN.
    /// </summary>
    private static readonly HashSet<string> NotCarried =
    [
        "label", "mpls_vpn_rd", "mpls_label_stack", "mpls_tl_ipv4_address", "mpls_tl_prefix_length", "mpls_tl_type",
        "nat_event", "post_nat_src_host", "post_nat_dst_host", "post_nat_src_port", "post_nat_dst_port",
        "vrf_id_ingress", "vrf_id_egress", "vrf_name", "srhActiveSegmentIPv6", "srhFlagsIPv6", "srhSegmentIPv6sLeft",
        "srhTagIPv6", "srv6_seg_ipv6_list", "tunnel_flow_label", "tunnel_dst_host", "tunnel_dst_port", "tunnel_proto",
        "tunnel_src_host", "tunnel_src_port", "tunnel_tcpflags", "tunnel_tos", "std_comm", "src_std_comm", "ext_comm",
        "src_ext_comm", "lrg_comm", "src_lrg_comm", "as_path", "src_as_path", "timestamp_arrival", "cos", "dot1qCVlanId",
    ];

    /// <summary>
    /// Primitives nfacctd takes from its BGP or BMP tables when the conf says nfacctd_net or nfacctd_as: bgp (or bmp),
    /// not from the record; Fennec keeps what the exporter sent, so they are not compared in those tests.
    /// </summary>
    private static readonly HashSet<string> FromRoutingTables = ["src_mask", "dst_mask", "src_net", "dst_net"];

    /// <summary>
    /// Understood differences: (test, primitive) and why; the primitive is left out of that test's comparison, except
    /// "timestamps within 1 s", which compares the times with that tolerance.
    /// </summary>
    private static readonly Dictionary<(string Test, string Primitive), string> Deliberate = new()
    {
        [("101-NFv9-CISCO-cust_primitives", WithinASecond)] = V9Uptime,
        [("110-IPFIXv10-NFv9-multiple-sources", WithinASecond)] = V9Uptime,
        [("111-IPFIXv10-NFv9-IPv6-IPv4-mix_sources", WithinASecond)] = V9Uptime,
        [("400-IPFIXv10-BMP-CISCO-SRv6-multiple-sources", "timestamp_start")] = IpfixUptime,
        [("400-IPFIXv10-BMP-CISCO-SRv6-multiple-sources", "timestamp_end")] = IpfixUptime,
        [("500-IPFIXv10-BGP-CISCO-SRv6", "timestamp_start")] = IpfixUptime,
        [("500-IPFIXv10-BGP-CISCO-SRv6", "timestamp_end")] = IpfixUptime,
        [("501-IPFIXv10-BGP-IPv6-CISCO-MPLS", "timestamp_start")] = IpfixUptime,
        [("501-IPFIXv10-BGP-IPv6-CISCO-MPLS", "timestamp_end")] = IpfixUptime,
        [("502-IPFIXv10-BGP-IPv6-CISCO-SRv6-lcomms", "timestamp_start")] = IpfixUptime,
        [("502-IPFIXv10-BGP-IPv6-CISCO-SRv6-lcomms", "timestamp_end")] = IpfixUptime,
        [("400-IPFIXv10-BMP-CISCO-SRv6-multiple-sources", "etype")] = EtherType,
        [("500-IPFIXv10-BGP-CISCO-SRv6", "etype")] = EtherType,
        [("501-IPFIXv10-BGP-IPv6-CISCO-MPLS", "etype")] = EtherType,
        [("502-IPFIXv10-BGP-IPv6-CISCO-SRv6-lcomms", "etype")] = EtherType,
    };

    private const string WithinASecond = "timestamps within 1 s";

    private const string V9Uptime =
        "NetFlow v9 times are uptimes: nfacctd takes the export second less the whole seconds of the uptime at export "
        + "(dropping its milliseconds) plus the switch uptime, Fennec the export second less the exact millisecond "
        + "difference, so the two land in neighbouring seconds (the header gives no sub-second export time to settle it)";

    private const string IpfixUptime =
        "IPFIX flowStart/EndSysUpTime: Fennec dates them from the exporter's systemInitTimeMilliseconds (element 160, "
        + "sent in options records, the origin those uptimes count from), giving start and end; nfacctd (nfacctd_time_new) writes a time near the datagram's "
        + "arrival as start and the same as end, so neither time can be compared";

    private const string EtherType =
        "nfacctd's etype is the record's ethernetType element as the exporter sent it (values such as 0xf0fe, 0xb0fe "
        + "for MPLS and SRv6 traffic, no EtherType at all), or the outer IPv6 of an SRv6 packet; Fennec keeps only the IP "
        + "version of the addresses it reports";

    /// <summary>
    /// Tests whose recorded output names another exporter address than their reproducer config: the address
    /// nfacctd saw, and why.
    /// </summary>
    private static readonly Dictionary<string, (string Address, string Why)> ExporterAsRecorded = new()
    {
        ["500-IPFIXv10-BGP-CISCO-SRv6"] = ("172.21.1.101",
            "output-flow-00.json names peer 172.21.1.101 while traffic-reproducer-00.yml sends from 192.168.100.1 (and "
            + "the label in the output is the one the pretag map gives 192.168.100.1): the output was recorded with "
            + "another reproducer address"),
    };

    [CorpusTheory]
    [MemberData(nameof(Tests))]
    public void Totals_per_aggregation_key_match_nfacctd(string test)
    {
        var folder = Path.Combine(SharedData.RequireCorpus(), Folder, test);
        var conf = Conf.Read(Path.Combine(folder, "nfacctd-00.conf"));
        var compared = conf.Aggregate
            .Where(p => !NotCarried.Contains(p) && !Deliberate.ContainsKey((test, p)))
            .Where(p => !(conf.NetFromRoutingTables && FromRoutingTables.Contains(p)))
            .ToArray();
        compared.Should().OnlyContain(p => Primitives.ContainsKey(p) || Times.ContainsKey(p) || p == "tcpflags",
            "every primitive is compared or listed");
        var keyed = compared.Where(Primitives.ContainsKey).ToArray();
        var timed = compared.Where(Times.ContainsKey).ToArray();

        var decoder = new TelemetryDecoder();
        var ours = new Totals();
        foreach (var replay in Replay.ReadAll(folder))
        {
            var datagrams = TelemetryCaptures.Read(Path.Combine(folder, replay.Pcap)).Where(d => d.DstPort == replay.Port);
            var exporter = ExporterAsRecorded.TryGetValue(test, out var recorded) ? IpAddress.Parse(recorded.Address) : replay.Exporter;
            foreach (var r in TelemetryCaptures.Decode(decoder, datagrams, exporter).SelectMany(records => records))
            {
                var key = string.Join(", ", keyed.Select(p => $"{p}={Primitives[p].Ours(r)}"));
                var times = timed.Select(p => Times[p].Ours(r)).ToArray();
                ours.Add(key, conf.Renormalize ? r.ScaledPackets : r.Packets, conf.Renormalize ? r.ScaledBytes : r.Bytes, times, r.TcpFlags);
            }
        }

        var theirs = new Totals();
        foreach (var line in File.ReadLines(Path.Combine(folder, "output-flow-00.json")).Where(l => l.Trim().Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            var j = json.RootElement;
            var key = string.Join(", ", keyed.Select(p => $"{p}={Primitives[p].Theirs(j)}"));
            var times = timed.Select(p => Times[p].Theirs(j)).ToArray();
            var flags = j.GetProperty("tcp_flags").EnumerateArray().Aggregate(0, (f, n) => f | TcpFlagBits[n.GetString()!]);
            theirs.Add(key, j.GetProperty("packets").GetUInt64(), j.GetProperty("bytes").GetUInt64(), times, flags);
        }

        var tolerance = Deliberate.ContainsKey((test, WithinASecond)) ? 1 : 0;
        var problems = new StringBuilder();
        foreach (var (key, total) in theirs.Sums)
        {
            if (!ours.Sums.TryGetValue(key, out var mine))
            {
                problems.AppendLine($"nfacctd only: {key} ({total})");
                continue;
            }

            if (mine != total)
                problems.AppendLine($"{key}: nfacctd {total}, Fennec {mine}");
            if (compared.Contains("tcpflags") && ours.Flags[key] != theirs.Flags[key])
                problems.AppendLine($"{key}: TCP flags nfacctd 0x{theirs.Flags[key]:x2}, Fennec 0x{ours.Flags[key]:x2}");
            foreach (var times in theirs.Times[key].Where(t => !ours.Times[key].Any(o => Near(o, t, tolerance))))
                problems.AppendLine($"{key}: nfacctd {string.Join('/', timed)} {string.Join('/', times)}, Fennec has none within {tolerance} s");
            foreach (var times in ours.Times[key].Where(o => !theirs.Times[key].Any(t => Near(o, t, tolerance))))
                problems.AppendLine($"{key}: Fennec {string.Join('/', timed)} {string.Join('/', times)}, nfacctd has none within {tolerance} s");
        }

        foreach (var (key, mine) in ours.Sums.Where(s => !theirs.Sums.ContainsKey(s.Key)))
            problems.AppendLine($"Fennec only: {key} ({mine})");

        var counters = string.Join("; ", decoder.Exporters);
        var summary = $"{ours.Records} records, {theirs.Records} nfacctd lines, {theirs.Sums.Count} keys of {string.Join(", ", compared)}; {counters}";
        output.WriteLine(summary);
        decoder.Exporters.Sum(c => c.TotalErrors).Should().Be(0, counters);
        ours.Records.Should().BePositive();
        problems.ToString().Should().BeEmpty(summary);
    }

    private static bool Near(long[] ours, long[] theirs, int tolerance) =>
        ours.Zip(theirs).All(p => Math.Abs(p.First - p.Second) <= tolerance);

    /// <summary>The time primitives, in Unix seconds: compared per record within the key, not part of it.</summary>
    private static readonly Dictionary<string, (Func<TelemetryRecord, long> Ours, Func<JsonElement, long> Theirs)> Times = new()
    {
        ["timestamp_start"] = (r => Seconds(r.FirstNs), j => Seconds(j, "timestamp_start")),
        // nfacctd writes 0 when the record carries no end time; Fennec then takes the start (see EndOrStart).
        ["timestamp_end"] = (r => Seconds(r.LastNs), EndOrStart),
    };

    private static readonly Dictionary<string, int> ProtocolNumbers = new()
    {
        ["icmp"] = 1, ["tcp"] = 6, ["udp"] = 17, ["ipv6-icmp"] = 58, ["vrrp"] = 112,
    };

    private static readonly Dictionary<string, int> TcpFlagBits = new()
    {
        ["FIN"] = 0x01, ["SYN"] = 0x02, ["RST"] = 0x04, ["PSH"] = 0x08, ["ACK"] = 0x10, ["URG"] = 0x20, ["ECE"] = 0x40, ["CWR"] = 0x80,
    };

    /// <summary>nfacctd's names for the RFC 7270 forwarding status byte (status in the top two bits, reason below).</summary>
    private static readonly Dictionary<string, int> ForwardingStatuses = new()
    {
        ["UNKNOWN Unclassified"] = 0, ["FORWARDED Unknown"] = 64, ["DROPPED Unknown"] = 128, ["CONSUMED For us"] = 195,
    };

    /// <summary>How each compared primitive reads from a record and from nfacctd's JSON line, in one text form.</summary>
    private static readonly Dictionary<string, (Func<TelemetryRecord, string> Ours, Func<JsonElement, string> Theirs)> Primitives = new()
    {
        ["peer_src_ip"] = (r => r.Exporter.ToString(), j => Address(j, "peer_ip_src")),
        ["src_host"] = (r => r.SrcIp.ToString(), j => Address(j, "ip_src")),
        ["dst_host"] = (r => r.DstIp.ToString(), j => Address(j, "ip_dst")),
        ["src_port"] = (r => Text(r.SrcPort), j => Number(j, "port_src")),
        ["dst_port"] = (r => Text(r.DstPort), j => Number(j, "port_dst")),
        ["proto"] = (r => Text(r.IpProtocol), j => Text(ProtocolNumbers[j.GetProperty("ip_proto").GetString()!])),
        ["tos"] = (r => Text(r.Tos), j => Number(j, "tos")),
        ["in_iface"] = (r => Text(r.InputInterface), j => Number(j, "iface_in")),
        ["out_iface"] = (r => Text(r.OutputInterface), j => Number(j, "iface_out")),
        ["src_mask"] = (r => Text(r.SrcMask), j => Number(j, "mask_src")),
        ["dst_mask"] = (r => Text(r.DstMask), j => Number(j, "mask_dst")),
        ["src_net"] = (r => Network(r.SrcIp, r.SrcMask), j => Address(j, "net_src")),
        ["dst_net"] = (r => Network(r.DstIp, r.DstMask), j => Address(j, "net_dst")),
        ["fwd_status"] = (r => Text(r.ForwardingStatus), j => Text(ForwardingStatuses[j.GetProperty("fwd_status").GetString()!])),
        ["src_mac"] = (r => Text((long)r.SrcMac.Value), j => Mac(j, "mac_src")),
        ["dst_mac"] = (r => Text((long)r.DstMac.Value), j => Mac(j, "mac_dst")),
        ["in_vlan"] = (r => Text(r.Vlan), j => Number(j, "vlan_in")),
        ["etype"] = (r => r.IpVersion switch { 4 => "800", 6 => "86dd", _ => "0" }, j => j.GetProperty("etype").GetString()!),
    };

    /// <summary>
    /// nfacctd's timestamp_end is 0 when the record has no end time (Cisco's datalink records carry only a start);
    /// Fennec's record always has one, its start when nothing else is known, so 0 is read as the start.
    /// </summary>
    private static long EndOrStart(JsonElement j) =>
        Seconds(j, "timestamp_end") is var end and not 0 ? end : Seconds(j, "timestamp_start");

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(JsonElement j, string name) => Text(j.GetProperty(name).GetInt64());

    private static string Address(JsonElement j, string name) =>
        j.GetProperty(name).GetString() is { Length: > 0 } text ? IpAddress.Parse(text).ToString() : IpAddress.None.ToString();

    private static string Mac(JsonElement j, string name) =>
        Text(long.Parse(j.GetProperty(name).GetString()!.Replace(":", "", StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    private static long Seconds(long ns) => Math.DivRem(ns, 1_000_000_000L).Quotient;

    private static long Seconds(JsonElement j, string name) =>
        (long)double.Parse(j.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    /// <summary>The address with its host bits cleared (nfacctd's src_net and dst_net); :: or 0.0.0.0 for a 0 mask.</summary>
    private static string Network(IpAddress address, byte mask)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.WriteBytes(bytes);
        var bits = address.IsIPv4 ? 96 + mask : mask;
        for (var i = 0; i < 16; i++)
        {
            var keep = Math.Clamp(bits - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF00 >> keep);
        }

        if (address.IsIPv4)
            return IpAddress.FromIPv4(bytes[12..]).ToString();
        return IpAddress.FromIPv6(bytes).ToString();
    }

    /// <summary>Packet and byte totals per key, and the times of what was summed.</summary>
    private sealed class Totals
    {
        public Dictionary<string, (ulong Packets, ulong Bytes)> Sums { get; } = [];

        public Dictionary<string, List<long[]>> Times { get; } = [];

        /// <summary>TCP flags, OR-ed as nfacctd accumulates them (its tcpflags primitive is not part of the cache key).</summary>
        public Dictionary<string, int> Flags { get; } = [];

        public int Records { get; private set; }

        public void Add(string key, ulong packets, ulong bytes, long[] times, int flags)
        {
            Flags[key] = Flags.GetValueOrDefault(key) | flags;
            var (p, b) = Sums.GetValueOrDefault(key);
            Sums[key] = (p + packets, b + bytes);
            if (!Times.TryGetValue(key, out var list))
                Times[key] = list = [];
            list.Add(times);
            Records++;
        }
    }

    /// <summary>What the tests' nfacctd conf says that matters here.</summary>
    private sealed record Conf(string[] Aggregate, bool Renormalize, bool NetFromRoutingTables)
    {
        public static Conf Read(string path)
        {
            var settings = File.ReadLines(path)
                .Where(l => !l.TrimStart().StartsWith('!') && l.Contains(':', StringComparison.Ordinal))
                .Select(l => (Name: l[..l.IndexOf(':', StringComparison.Ordinal)].Trim(), Value: l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
                .ToLookup(s => s.Name, s => s.Value);
            var aggregate = settings.Single(g => g.Key.StartsWith("aggregate[", StringComparison.Ordinal)).Single()
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var net = settings["nfacctd_net"].FirstOrDefault();
            return new Conf(aggregate, settings["nfacctd_renormalize"].FirstOrDefault() == "true", net is "bgp" or "bmp");
        }
    }

    /// <summary>
    /// One traffic reproducer: the capture it replays, the UDP port of the datagrams it selects, and the address it
    /// sends them from (nfacctd's peer_ip_src), from its YAML config.
    /// </summary>
    private sealed partial record Replay(string Pcap, ushort Port, IpAddress Exporter)
    {
        public static IEnumerable<Replay> ReadAll(string folder)
        {
            foreach (var file in Directory.GetFiles(folder, "traffic-reproducer-*.yml").Order(StringComparer.Ordinal))
            {
                var text = File.ReadAllText(file);
                yield return new Replay(
                    PcapLine().Match(text).Groups[1].Value,
                    ushort.Parse(PortLine().Match(text).Groups[1].Value, CultureInfo.InvariantCulture),
                    IpAddress.Parse(ReproLine().Match(text).Groups[1].Value));
            }
        }

        [GeneratedRegex(@"^pcap:\s*(\S+)", RegexOptions.Multiline)]
        private static partial Regex PcapLine();

        [GeneratedRegex(@"^ipfix:[\s\S]*?dport:\s*\n\s*-\s*(\d+)", RegexOptions.Multiline)]
        private static partial Regex PortLine();

        [GeneratedRegex(@"repro_ip:\s*(\S+)")]
        private static partial Regex ReproLine();
    }
}
