using Fennec.Flows.Collection;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;

namespace Fennec.Flows.Tests.Collection;

/// <summary>
/// The NetFlow v5, v9 and IPFIX captures of akvorado's decoder tests (akvorado-flow-decoders/netflow/testdata), fed in
/// the order its root_test.go feeds them (options templates, options data, templates, data) and compared field by field
/// with the flows it expects, transcribed below. A column akvorado leaves unset is expected as 0 (addresses: ::,
/// direction: 255, not said). Columns a <see cref="TelemetryRecord"/> does not hold are in <see cref="NotCarried"/>;
/// a differing value must be listed in <see cref="Deliberate"/> with its reason, and a listed difference that no longer
/// happens fails too.
/// </summary>
public sealed class AkvoradoNetFlowTests
{
    private const string Folder = "akvorado-flow-decoders/netflow/testdata";

    /// <summary>akvorado's tests send every datagram as if from this exporter.</summary>
    private static readonly IpAddress Exporter = IpAddress.Parse("127.0.0.1");

    /// <summary>A flow as akvorado's test states it (its column names; 0 where it sets nothing).</summary>
    public sealed record Flow
    {
        public uint SamplingRate { get; init; }
        public string SrcAddr { get; init; } = "";
        public string DstAddr { get; init; } = "";
        public string NextHop { get; init; } = "";
        public uint InIf { get; init; }
        public uint OutIf { get; init; }
        public ushort SrcVlan { get; init; }
        public byte SrcNetMask { get; init; }
        public byte DstNetMask { get; init; }
        public uint SrcAs { get; init; }
        public uint DstAs { get; init; }
        public ulong Bytes { get; init; }
        public ulong Packets { get; init; }

        /// <summary>0x0800 or 0x86dd.</summary>
        public ushort EType { get; init; }
        public byte Proto { get; init; }
        public ushort SrcPort { get; init; }
        public ushort DstPort { get; init; }
        public byte ForwardingStatus { get; init; }

        /// <summary>"ingress", "egress" or "" (not set).</summary>
        public string FlowDirection { get; init; } = "";
        public byte TcpFlags { get; init; }
        public byte IpTos { get; init; }
        public ulong SrcMac { get; init; }
        public ulong DstMac { get; init; }

        /// <summary>ICMPv4Type or ICMPv6Type (the code is 0 in every case).</summary>
        public byte IcmpType { get; init; }

        /// <summary>TimeReceived with TS_NETFLOW_PACKET (Unix seconds), when the test checks it.</summary>
        public long? PacketSeconds { get; init; }

        /// <summary>TimeReceived with TS_NETFLOW_FIRST_SWITCHED (Unix seconds), when the test checks it.</summary>
        public long? FirstSwitchedSeconds { get; init; }
    }

    /// <summary>
    /// One akvorado test: the captures in the order it feeds them, the flows it compares (starting at flow
    /// <see cref="Offset"/>, as its (*got)[:n] or (*got)[i] does), how many flows it reports in all when its tests
    /// say so (the per-flow error counter of TestDecodeNonEncap, the length checks), and the templates and options
    /// records its metrics count. <see cref="EnterpriseFields"/> is Fennec's own count of vendor fields it skipped.
    /// </summary>
    public sealed record Case(string[] Pcaps, Flow[] Expected, int Offset = 0, int? Total = null, int? Templates = null,
        int? OptionsRecords = null, int EnterpriseFields = 0);

    private const long Data9Export = 1647285928;
    private const long Data9Uptime = 944951609;

    private static readonly Flow DataFlow = new()
    {
        SamplingRate = 30000, SrcNetMask = 24, DstNetMask = 14, Bytes = 1500, Packets = 1, EType = 0x0800, Proto = 6,
        SrcPort = 443, ForwardingStatus = 64, FlowDirection = "ingress", TcpFlags = 16, PacketSeconds = Data9Export,
    };

    private static readonly Flow IpfixProbe = new() { Packets = 1, EType = 0x0800, Proto = 17 };

    public static readonly Dictionary<string, Case> Cases = new()
    {
        // TestDecode, TestDecodeTimestampFromNetFlowPacket, TestDecodeTimestampFromFirstSwitched.
        ["TestDecode"] = new(
            ["options-template.pcap", "options-data.pcap", "template.pcap", "data.pcap"],
            [
                DataFlow with
                {
                    SrcAddr = "198.38.121.178", DstAddr = "91.170.143.87", NextHop = "194.149.174.63", InIf = 335, OutIf = 450,
                    DstPort = 19624, FirstSwitchedSeconds = Data9Export - Data9Uptime + 944948659,
                },
                DataFlow with
                {
                    SrcAddr = "198.38.121.219", DstAddr = "88.122.57.97", NextHop = "194.149.174.71", InIf = 335, OutIf = 452,
                    DstPort = 2444, FirstSwitchedSeconds = Data9Export - Data9Uptime + 944948659,
                },
                DataFlow with
                {
                    SrcAddr = "173.194.190.106", DstAddr = "37.165.129.20", NextHop = "252.223.0.0", InIf = 461, OutIf = 306,
                    SrcNetMask = 20, DstNetMask = 18, Bytes = 1400, DstPort = 53697,
                    FirstSwitchedSeconds = Data9Export - Data9Uptime + 944948660,
                },
                DataFlow with
                {
                    SrcAddr = "74.125.100.234", DstAddr = "88.120.219.117", NextHop = "194.149.174.61", InIf = 461, OutIf = 451,
                    SrcNetMask = 16, Bytes = 1448, DstPort = 52300, FirstSwitchedSeconds = Data9Export - Data9Uptime + 944948661,
                },
            ],
            Total: 4, Templates: 2, OptionsRecords: 4),
        // TestTemplatesMixedWithData checks only that both templates are learned: the data set before them is dropped.
        ["TestTemplatesMixedWithData"] = new(["data+templates.pcap"], [], Total: 0, Templates: 2),
        ["TestDecodeSamplingRate"] = new(
            ["samplingrate-template.pcap", "samplingrate-data.pcap"],
            [
                new()
                {
                    SamplingRate = 2048, SrcAddr = "232.131.215.65", DstAddr = "142.183.180.65", InIf = 13, SrcVlan = 701,
                    NextHop = "0.0.0.0", Packets = 1, Bytes = 160, Proto = 6, SrcPort = 13245, DstPort = 10907,
                    EType = 0x0800, FlowDirection = "ingress",
                },
            ]),
        ["TestDecodeMultipleSamplingRates"] = new(
            ["multiplesamplingrates-options-template.pcap", "multiplesamplingrates-options-data.pcap",
                "multiplesamplingrates-template.pcap", "multiplesamplingrates-data.pcap"],
            [
                new()
                {
                    SamplingRate = 4000, SrcAddr = "ffff::68", DstAddr = "ffff::1a", NextHop = "ffff::2", SrcNetMask = 48,
                    DstNetMask = 56, InIf = 97, OutIf = 6, Packets = 18, Bytes = 1348, Proto = 6, SrcPort = 443,
                    DstPort = 52616, ForwardingStatus = 64, IpTos = 64, TcpFlags = 16, EType = 0x86dd, FlowDirection = "ingress",
                },
                new()
                {
                    SamplingRate = 2000, SrcAddr = "ffff::5a", DstAddr = "ffff::f", NextHop = "ffff::3c", SrcNetMask = 36,
                    DstNetMask = 48, InIf = 103, OutIf = 6, Packets = 4, Bytes = 579, Proto = 17, SrcPort = 2121,
                    DstPort = 2121, ForwardingStatus = 64, IpTos = 40, EType = 0x86dd, FlowDirection = "ingress",
                },
            ],
            Total: 12),
        ["TestDecodeICMP"] = new(
            ["icmp-template.pcap", "icmp-data.pcap"],
            [
                new()
                {
                    SrcAddr = "2001:db8::", DstAddr = "2001:db8::1", Bytes = 104, DstPort = 32768, EType = 0x86dd,
                    IcmpType = 128, Packets = 1, Proto = 58, FlowDirection = "ingress",
                },
                new()
                {
                    SrcAddr = "2001:db8::1", DstAddr = "2001:db8::", Bytes = 104, DstPort = 33024, EType = 0x86dd,
                    IcmpType = 129, Packets = 1, Proto = 58, FlowDirection = "ingress",
                },
                new()
                {
                    SrcAddr = "203.0.113.4", DstAddr = "203.0.113.5", Bytes = 84, DstPort = 2048, EType = 0x0800,
                    IcmpType = 8, Packets = 1, Proto = 1, FlowDirection = "ingress",
                },
                new()
                {
                    SrcAddr = "203.0.113.5", DstAddr = "203.0.113.4", Bytes = 84, EType = 0x0800, Packets = 1, Proto = 1,
                    FlowDirection = "ingress",
                },
            ],
            Total: 4),
        ["TestDecodeDataLink"] = new(
            ["datalink-template.pcap", "datalink-data.pcap"],
            [
                new()
                {
                    SrcAddr = "51.51.51.51", DstAddr = "52.52.52.52", SrcVlan = 231, InIf = 582, Bytes = 96, SrcPort = 55501,
                    DstPort = 11777, EType = 0x0800, Packets = 1, Proto = 17, SrcMac = 0xb402165592f4,
                    DstMac = 0x182ad36e503f, FlowDirection = "ingress",
                },
            ],
            Total: 1),
        // TestDecodeWithoutTemplate: data with no template gives no flow.
        ["TestDecodeWithoutTemplate"] = new(["datalink-data.pcap"], [], Total: 0),
        ["TestDecodeMPLS"] = new(
            ["mpls.pcap"],
            [
                new()
                {
                    SrcAddr = "fd00::1:0:1:7:1", DstAddr = "fd00::1:0:1:5:1", NextHop = "0.0.0.0", SamplingRate = 10,
                    OutIf = 16, Bytes = 89, Packets = 1, EType = 0x86dd, ForwardingStatus = 66, Proto = 17,
                    SrcPort = 49153, DstPort = 862, FlowDirection = "egress",
                },
                new()
                {
                    SrcAddr = "fd00::1:0:1:7:1", DstAddr = "fd00::1:0:1:6:1", NextHop = "0.0.0.0", SamplingRate = 10,
                    OutIf = 17, Bytes = 890, Packets = 10, EType = 0x86dd, ForwardingStatus = 66, Proto = 17,
                    SrcPort = 49153, DstPort = 862, FlowDirection = "egress",
                },
            ],
            Total: 2),
        ["TestDecodeNFv5"] = new(
            ["nfv5.pcap"],
            [
                new()
                {
                    SrcAddr = "161.202.212.212", DstAddr = "202.152.70.24", NextHop = "61.6.255.150", SamplingRate = 1,
                    InIf = 117, OutIf = 86, SrcAs = 36351, DstAs = 10101, SrcNetMask = 19, DstNetMask = 24, Bytes = 133,
                    Packets = 1, EType = 0x0800, Proto = 6, SrcPort = 30104, DstPort = 11963, TcpFlags = 0x18,
                    PacketSeconds = 1680626679, FirstSwitchedSeconds = 1680611679,
                },
            ]),
        // "A NAT event, there is no sampling rate, no bytes, no packets."
        ["TestDecodeNAT"] = new(
            ["nat.pcap"],
            [new() { SrcAddr = "172.16.100.198", DstAddr = "10.89.87.1", SrcPort = 35303, DstPort = 53, EType = 0x0800, Proto = 17 }],
            Total: 9),
        ["TestDecodePhysicalInterfaces"] = new(
            ["physicalinterfaces.pcap"],
            [
                new()
                {
                    SamplingRate = 1000, InIf = 1342177291, SrcVlan = 4, SrcAddr = "147.53.240.75", DstAddr = "212.82.101.24",
                    SrcMac = 0xc014fef6c365, DstMac = 0xe8b6c24ae34c, Packets = 3, Bytes = 4506, SrcPort = 55629,
                    DstPort = 993, TcpFlags = 0x10, EType = 0x0800, Proto = 6,
                },
            ],
            Total: 8),
        // Biflows: akvorado emits the reverse direction as a flow of its own, after the forward one.
        ["TestDecodeRFC5103"] = new(
            ["ipfixprobe-templates.pcap", "ipfixprobe-data.pcap"],
            [
                IpfixProbe with
                {
                    InIf = 10, SrcAddr = "10.10.1.4", DstAddr = "10.10.1.1", SrcMac = 0x00e01c3c17c2, DstMac = 0x001f33d98160,
                    Bytes = 62, SrcPort = 56166, DstPort = 53,
                },
                IpfixProbe with
                {
                    OutIf = 10, SrcAddr = "10.10.1.1", DstAddr = "10.10.1.4", DstMac = 0x00e01c3c17c2, SrcMac = 0x001f33d98160,
                    Bytes = 128, DstPort = 56166, SrcPort = 53,
                },
                IpfixProbe with
                {
                    InIf = 10, SrcAddr = "10.10.1.20", DstAddr = "10.10.1.255", SrcMac = 0x00023fec6111, DstMac = 0xffffffffffff,
                    Bytes = 229, SrcPort = 138, DstPort = 138,
                },
                IpfixProbe with
                {
                    InIf = 10, SrcAddr = "10.10.1.4", DstAddr = "74.53.140.153", SrcMac = 0x00e01c3c17c2, DstMac = 0x001f33d98160,
                    Packets = 28, Bytes = 21673, SrcPort = 1470, DstPort = 25, Proto = 6, TcpFlags = 0x1b,
                },
                IpfixProbe with
                {
                    OutIf = 10, SrcAddr = "74.53.140.153", DstAddr = "10.10.1.4", SrcMac = 0x001f33d98160, DstMac = 0x00e01c3c17c2,
                    Packets = 25, Bytes = 1546, SrcPort = 25, DstPort = 1470, Proto = 6, TcpFlags = 0x1b,
                },
                IpfixProbe with
                {
                    InIf = 10, SrcAddr = "192.168.1.1", DstAddr = "10.10.1.4", SrcMac = 0x001f33d98160, DstMac = 0x00e01c3c17c2,
                    Packets = 4, Bytes = 2304, Proto = 1,
                },
            ],
            Total: 6),
        // akvorado decodes this one with SRv6 decapsulation on: the inner packet of the sampled frame.
        ["TestDecodeSRv6"] = new(
            ["ipfix-srv6-template.pcap", "ipfix-srv6-data.pcap"],
            [
                new()
                {
                    SrcAddr = "8.8.8.8", DstAddr = "213.36.140.100", Packets = 1, Bytes = 64, FlowDirection = "ingress",
                    EType = 0x0800, Proto = 1,
                },
            ],
            Total: 1),
        ["TestJuniperCPIDDrop"] = new(
            ["juniper-cpid-template.pcap", "juniper-cpid-data.pcap"],
            [
                new()
                {
                    InIf = 737, SrcAddr = "fc30:2200:1b::f", DstAddr = "fc30:2200:23:e009::", Packets = 1, Bytes = 104,
                    FlowDirection = "ingress", ForwardingStatus = 128, EType = 0x86dd, Proto = 4, SrcMac = 0x0c00c386af07,
                    DstMac = 0x2c6bf5e81fc5,
                },
            ],
            Total: 1, EnterpriseFields: 6),
        // Flow #4 of 10, the EVPN frame with a control word.
        ["TestDecodeEVPN"] = new(
            ["ethernet-over-mpls-with-control-word-template.pcap", "ethernet-over-mpls-with-control-word-data.pcap"],
            [
                new()
                {
                    InIf = 1022, SrcAddr = "198.51.100.1", DstAddr = "198.51.100.2", EType = 0x0800, Proto = 6, SrcPort = 443,
                    DstPort = 55427, TcpFlags = 16, IpTos = 32, Bytes = 1492, Packets = 1, DstMac = 0x020000000003,
                    SrcMac = 0x020000000004, FlowDirection = "ingress",
                },
            ],
            Offset: 3,
            Total: 10),
    };

    /// <summary>
    /// Columns akvorado's expectations set that a <see cref="TelemetryRecord"/> does not hold, so they are not in the
    /// table above: VRF ids, TTL, IPv6 flow label, IP fragment id, MPLS labels, the post-NAT addresses and ports, and
    /// the egress VLAN (DstVlan). akvorado's TimeReceived is compared only where its tests set a timestamp source.
    /// </summary>
    public static readonly string[] NotCarried =
    [
        "IngressVRFID", "EgressVRFID", "IPTTL", "IPv6FlowLabel", "IPFragmentID", "MPLSLabels",
        "SrcAddrNAT", "DstAddrNAT", "SrcPortNAT", "DstPortNAT", "DstVlan",
    ];

    /// <summary>Understood differences: (case, flow index or -1 for every flow, field) and why.</summary>
    private static readonly Dictionary<(string Case, int Flow, string Field), string> Deliberate = new()
    {
        [("TestDecode", -1, FirstSwitched)] = UptimeUnits,
        [("TestDecodeNFv5", 0, FirstSwitched)] = UptimeUnits,
        [("TestTemplatesMixedWithData", -1, "Total")] =
            "the datagram's data set comes before the template it needs: akvorado drops it, Fennec holds it (within "
            + "HoldFor and the held-bytes budget, counted in sets_held_for_template) and decodes its 21 records once the "
            + "template arrives, here later in the same datagram (sets_replayed)",
        [("TestJuniperCPIDDrop", 0, "SrcAddr")] = InnerPacket,
        [("TestJuniperCPIDDrop", 0, "DstAddr")] = InnerPacket,
        [("TestJuniperCPIDDrop", 0, "EType")] = InnerPacket,
        [("TestJuniperCPIDDrop", 0, "Proto")] = InnerPacket,
        [("TestJuniperCPIDDrop", 0, "Bytes")] = InnerPacket,
        [("TestJuniperCPIDDrop", 0, "ICMPType")] = InnerPacket,
        [("TestJuniperCPIDDrop", 0, "ForwardingStatus")] =
            "the drop comes from Juniper's enterprise elements (PEN 2636, common properties: the CPID drop reason); "
            + "Fennec does not read vendor elements, it skips them and counts them (enterprise_fields_skipped), so the "
            + "record carries no forwarding status",
        [("TestDecodeSRv6", 0, "SrcMAC")] = DecapsulatedMacs,
        [("TestDecodeSRv6", 0, "DstMAC")] = DecapsulatedMacs,
    };

    private const string FirstSwitched = "TimeReceived(first switched)";

    private const string UptimeUnits =
        "first switched time: akvorado takes the export time in seconds less the uptime at export plus the uptime at "
        + "the switch, both in milliseconds, so a flow switched 2.95 s (v9) or 15 s (v5) before export lands 2950 or "
        + "15000 seconds early; Fennec takes the difference in milliseconds (the v5 header says uptime 2874339 s, "
        + "first 2874324 s: 15 s)";

    private const string InnerPacket =
        "the sampled frame is IPv4 in IPv6 (protocol 4): Fennec's packet decoder reports the innermost packet (here an "
        + "ICMP echo request, 8.8.8.8 to 213.36.140.101, 64 bytes), as it does for every tunnel and for sFlow's sampled "
        + "headers; akvorado without decapsulation reports the outer IPv6 header";

    private const string DecapsulatedMacs =
        "SRv6: both report the inner IPv4 packet (akvorado with SRv6 decapsulation on), but Fennec keeps the outer "
        + "Ethernet addresses, those of the link that was sampled; akvorado's decapsulated flow has none";

    public static TheoryData<string> Names => new(Cases.Keys);

    [CorpusTheory]
    [MemberData(nameof(Names))]
    public void Decodes_as_akvorado_expects(string name)
    {
        var test = Cases[name];
        var (flows, decoder) = Decode(test.Pcaps);
        var differences = new List<string>();
        if (test.Total is { } total && (flows.Count != total) != Deliberate.ContainsKey((name, -1, "Total")))
            differences.Add($"{flows.Count} flows, akvorado {total}, and that is {(flows.Count == total ? "" : "not ")}listed as deliberate");
        if (flows.Count < test.Offset + test.Expected.Length)
            differences.Add($"{flows.Count} flows, akvorado compares {test.Offset + test.Expected.Length}");

        for (var i = 0; i < test.Expected.Length && test.Offset + i < flows.Count; i++)
        {
            var index = test.Offset + i;
            foreach (var (field, want, got) in Fields(test.Expected[i], flows[index]))
            {
                var listed = Deliberate.ContainsKey((name, index, field)) || Deliberate.ContainsKey((name, -1, field));
                if (!Equals(want, got) && !listed)
                    differences.Add($"flow {index} {field}: akvorado {want}, Fennec {got} (not listed as deliberate)");
                else if (Equals(want, got) && listed)
                    differences.Add($"flow {index} {field}: listed as deliberate but equal ({got}): remove it");
            }
        }

        var counters = decoder.CountersOf(Exporter)!;
        counters.TotalErrors.Should().Be(0, counters.ToString());
        if (test.Templates is { } templates)
            counters.Templates.Should().Be(templates);
        if (test.OptionsRecords is { } options)
            counters.OptionsRecords.Should().Be(options);
        counters.EnterpriseFieldsSkipped.Should().Be(test.EnterpriseFields);
        differences.Should().BeEmpty(counters.ToString());
    }

    [CorpusFact]
    public void Every_akvorado_capture_is_fed()
    {
        var folder = Path.Combine(SharedData.RequireCorpus(), Folder);
        Directory.GetFiles(folder, "*.pcap").Select(Path.GetFileName).Should()
            .BeEquivalentTo(Cases.Values.SelectMany(c => c.Pcaps).Distinct());
    }

    /// <summary>
    /// Fennec's records as akvorado's flows: a biflow (RFC 5103) whose reverse direction counted anything is two flows,
    /// the reverse one with the ends, ports, MACs and interfaces swapped, as akvorado emits them.
    /// </summary>
    private static (List<(TelemetryRecord Record, bool Reverse)> Flows, TelemetryDecoder Decoder) Decode(string[] pcaps)
    {
        var folder = Path.Combine(SharedData.RequireCorpus(), Folder);
        var decoder = new TelemetryDecoder();
        var flows = new List<(TelemetryRecord, bool)>();
        foreach (var pcap in pcaps)
        {
            foreach (var records in TelemetryCaptures.Decode(decoder, TelemetryCaptures.Read(Path.Combine(folder, pcap)), Exporter))
            {
                foreach (var record in records)
                {
                    flows.Add((record, false));
                    if (record.ReversePackets != 0 || record.ReverseBytes != 0)
                        flows.Add((record, true));
                }
            }
        }

        return (flows, decoder);
    }

    private static IEnumerable<(string Field, object Want, object Got)> Fields(Flow e, (TelemetryRecord Record, bool Reverse) flow)
    {
        var (r, reverse) = flow;
        yield return ("Exporter", Exporter, r.Exporter);
        yield return ("SamplingRate", e.SamplingRate, r.SamplingRate);
        yield return ("SrcAddr", Address(e.SrcAddr), reverse ? r.DstIp : r.SrcIp);
        yield return ("DstAddr", Address(e.DstAddr), reverse ? r.SrcIp : r.DstIp);
        yield return ("NextHop", Address(e.NextHop), r.NextHop);
        yield return ("InIf", e.InIf, reverse ? r.OutputInterface : r.InputInterface);
        yield return ("OutIf", e.OutIf, reverse ? r.InputInterface : r.OutputInterface);
        yield return ("SrcVlan", e.SrcVlan, r.Vlan);
        yield return ("SrcNetMask", e.SrcNetMask, reverse ? r.DstMask : r.SrcMask);
        yield return ("DstNetMask", e.DstNetMask, reverse ? r.SrcMask : r.DstMask);
        yield return ("SrcAS", e.SrcAs, reverse ? r.DstAs : r.SrcAs);
        yield return ("DstAS", e.DstAs, reverse ? r.SrcAs : r.DstAs);
        yield return ("Bytes", e.Bytes, reverse ? r.ReverseBytes : r.Bytes);
        yield return ("Packets", e.Packets, reverse ? r.ReversePackets : r.Packets);
        yield return ("EType", e.EType, r.IpVersion switch { 4 => (ushort)0x0800, 6 => (ushort)0x86dd, _ => (ushort)0 });
        yield return ("Proto", e.Proto, r.IpProtocol);
        yield return ("SrcPort", e.SrcPort, reverse ? r.DstPort : r.SrcPort);
        yield return ("DstPort", e.DstPort, reverse ? r.SrcPort : r.DstPort);
        yield return ("ForwardingStatus", e.ForwardingStatus, r.ForwardingStatus);
        yield return ("FlowDirection", e.FlowDirection, r.Direction switch { 0 => "ingress", 1 => "egress", _ => "" });
        yield return ("TCPFlags", e.TcpFlags, r.TcpFlags);
        yield return ("IPTos", e.IpTos, r.Tos);
        yield return ("SrcMAC", e.SrcMac, (reverse ? r.DstMac : r.SrcMac).Value);
        yield return ("DstMAC", e.DstMac, (reverse ? r.SrcMac : r.DstMac).Value);
        yield return ("ICMPType", (ushort)(e.IcmpType << 8), r.IcmpTypeCode);
        if (e.PacketSeconds is { } export)
            yield return ("TimeReceived(packet)", export, Math.DivRem(r.ExportNs, 1_000_000_000L).Quotient);
        if (e.FirstSwitchedSeconds is { } first)
            yield return (FirstSwitched, first, Math.DivRem(r.FirstNs, 1_000_000_000L).Quotient);
    }

    private static IpAddress Address(string text) => text.Length == 0 ? IpAddress.None : IpAddress.Parse(text);
}
