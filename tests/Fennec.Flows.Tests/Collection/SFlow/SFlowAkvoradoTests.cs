using Fennec.Flows.Collection;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;

namespace Fennec.Flows.Tests.Collection.SFlow;

/// <summary>
/// The captures of akvorado's sFlow decoder tests (akvorado-flow-decoders/sflow/testdata), decoded and compared field by
/// field with the flows its root_test.go expects. A field akvorado leaves unset is expected as 0. Differences are
/// allowed only where <see cref="Deliberate"/> lists them, with the reason; a listed difference that no longer happens
/// fails too.
/// </summary>
public class SFlowAkvoradoTests
{
    private const string Folder = "akvorado-flow-decoders/sflow/testdata";

    /// <summary>A flow as akvorado's test states it (its column names; 0 where it sets nothing).</summary>
    public sealed record Expected
    {
        public uint SamplingRate { get; init; }
        public uint InIf { get; init; }
        public uint OutIf { get; init; }
        public ushort SrcVlan { get; init; }
        public string SrcAddr { get; init; } = "";
        public string DstAddr { get; init; } = "";
        public string Exporter { get; init; } = "";
        public string NextHop { get; init; } = "";
        public uint SrcAs { get; init; }
        public uint DstAs { get; init; }
        public byte SrcMask { get; init; }
        public byte DstMask { get; init; }
        public ulong Bytes { get; init; }
        public byte IpVersion { get; init; }
        public byte Proto { get; init; }
        public ushort SrcPort { get; init; }
        public ushort DstPort { get; init; }
        public ulong SrcMac { get; init; }
        public ulong DstMac { get; init; }
        public byte Tos { get; init; }
        public byte TcpFlags { get; init; }
        public byte ForwardingStatus { get; init; }
        public byte IcmpType { get; init; }
    }

    /// <summary>
    /// Understood differences: (capture, flow index or -1 for every flow, field) and why. akvorado's SrcVlan and DstVlan
    /// come only from the extended switch record; Fennec's single VLAN is the ingress one (IPFIX vlanId), taken from
    /// that record's source VLAN and, when it gives none, from the sampled frame's 802.1Q tag.
    /// </summary>
    private static readonly Dictionary<(string File, int Flow, string Field), string> Deliberate = new()
    {
        [("data-local-interface.pcap", 0, "ForwardingStatus")] = LocalOutput,
        [("data-icmpv4.pcap", 0, "ForwardingStatus")] = LocalOutput,
        [("data-icmpv6.pcap", 0, "ForwardingStatus")] = LocalOutput,
        [("data-encap-vxlan.pcap", 0, "ForwardingStatus")] = LocalOutput,
        [("data-qinq.pcap", 0, "Vlan")] =
            "QinQ frame (tags 1062 then 1493), no extended switch record: Fennec keeps the outermost tag, the one of the "
            + "link the sample was taken on (as its packet decoder's VlanId does); akvorado keeps the last (customer) tag",
        [("data-encap-vxlan.pcap", 0, "SrcMac")] = VxlanMacs,
        [("data-encap-vxlan.pcap", 0, "DstMac")] = VxlanMacs,
    };

    private const string LocalOutput =
        "output ifIndex 0x3FFFFFFF (the agent itself): both report output interface 0, Fennec also says why with the "
        + "RFC 7270 forwarding status 195 (consumed, terminated for us); akvorado leaves the status 0";

    private const string VxlanMacs =
        "VXLAN: both report the inner IP packet (akvorado with decapsulation on), but Fennec's packet decoder keeps the "
        + "outer Ethernet addresses, those of the link that was sampled; akvorado reports the inner frame's";

    private static readonly Expected Ipv6Ssh = new()
    {
        SamplingRate = 1024, InIf = 27, OutIf = 28, SrcVlan = 100,
        SrcAddr = "2a0c:8880:2:0:185:21:130:38", DstAddr = "2a0c:8880:2:0:185:21:130:39", Exporter = "172.16.0.3",
        Bytes = 1500, IpVersion = 6, Proto = 6, SrcPort = 46026, DstPort = 22,
        SrcMac = 40057391053392, DstMac = 40057381862408, Tos = 0x8, TcpFlags = 0x10,
    };

    public static TheoryData<string> Files => new(Cases.Keys);

    private static readonly Dictionary<string, Expected[]> Cases = new()
    {
        ["data-1140.pcap"] =
        [
            Ipv6Ssh,
            new()
            {
                SamplingRate = 1024, SrcAddr = "104.26.8.24", DstAddr = "45.90.161.46", Exporter = "172.16.0.3",
                NextHop = "45.90.161.46", InIf = 49001, OutIf = 25, SrcAs = 13335, DstAs = 39421, SrcMask = 20, DstMask = 27,
                Bytes = 421, IpVersion = 4, Proto = 6, SrcPort = 443, DstPort = 56876,
                SrcMac = 216372595274807, DstMac = 191421060163210, TcpFlags = 0x18,
            },
            Ipv6Ssh,
            new()
            {
                SamplingRate = 1024, InIf = 28, OutIf = 49001, SrcVlan = 100, SrcAs = 39421, DstAs = 26615,
                SrcAddr = "45.90.161.148", DstAddr = "191.87.91.27", Exporter = "172.16.0.3", NextHop = "31.14.69.110",
                SrcMask = 27, DstMask = 17, Bytes = 40, IpVersion = 4, Proto = 6, SrcPort = 55658, DstPort = 5555,
                SrcMac = 138617863011056, DstMac = 216372595274807, TcpFlags = 0x2,
            },
            Ipv6Ssh,
        ],
        ["data-local-interface.pcap"] = [Ipv6Ssh with { OutIf = 0 }],
        ["data-discard-interface.pcap"] = [Ipv6Ssh with { OutIf = 0, ForwardingStatus = 131 }],
        ["data-multiple-interfaces.pcap"] = [Ipv6Ssh with { OutIf = 0 }],
        ["data-sflow-expanded-sample.pcap"] =
        [
            new()
            {
                SamplingRate = 1000, InIf = 29001, OutIf = 1285816721, SrcAddr = "52.52.52.52", DstAddr = "53.53.53.53",
                Exporter = "49.49.49.49", NextHop = "54.54.54.54", SrcAs = 203476, DstAs = 203361, SrcVlan = 809,
                SrcMask = 32, DstMask = 22, Bytes = 104, IpVersion = 4, Proto = 6, SrcPort = 22, DstPort = 52237,
                TcpFlags = 0x18, Tos = 0x8, SrcMac = 0x948ed30a713b, DstMac = 0x22421f4a9fcd,
            },
        ],
        ["data-sflow-ipv4-data.pcap"] =
        [
            new()
            {
                SamplingRate = 256, OutIf = 182, SrcAddr = "50.50.50.50", DstAddr = "51.51.51.51", Exporter = "49.49.49.49",
                Bytes = 1344, IpVersion = 4, Proto = 17, SrcPort = 46622, DstPort = 58631,
                SrcMac = 1094287164743, DstMac = 1101091482116,
            },
        ],
        ["data-sflow-raw-ipv4.pcap"] =
        [
            new()
            {
                SamplingRate = 1, OutIf = 2, SrcAddr = "69.58.92.107", DstAddr = "92.222.186.1", Exporter = "172.19.64.116",
                Bytes = 32, IpVersion = 4, Proto = 1, Tos = 8,
            },
            new()
            {
                SamplingRate = 1, OutIf = 2, SrcAddr = "69.58.92.107", DstAddr = "92.222.184.1", Exporter = "172.19.64.116",
                Bytes = 32, IpVersion = 4, Proto = 1, Tos = 8,
            },
        ],
        ["data-icmpv4.pcap"] =
        [
            new()
            {
                SamplingRate = 1, SrcAddr = "203.0.113.4", DstAddr = "203.0.113.5", Exporter = "127.0.0.1",
                Bytes = 84, IpVersion = 4, Proto = 1, DstMac = 0xd25b45ee5ecf, SrcMac = 0xe2efc68f8cd4, IcmpType = 8,
            },
        ],
        ["data-icmpv6.pcap"] =
        [
            new()
            {
                SamplingRate = 1, SrcAddr = "fe80::d05b:45ff:feee:5ecf", DstAddr = "2001:db8::", Exporter = "127.0.0.1",
                Bytes = 72, IpVersion = 6, Proto = 58, SrcMac = 0xd25b45ee5ecf, DstMac = 0xe2efc68f8cd4, IcmpType = 135,
            },
        ],
        ["data-qinq.pcap"] =
        [
            new()
            {
                SamplingRate = 4096, InIf = 369098852, OutIf = 369098851, SrcVlan = 1493, SrcAddr = "49.49.49.2",
                DstAddr = "49.49.49.109", Exporter = "172.17.128.58", Bytes = 80, IpVersion = 4, Proto = 6,
                SrcMac = 0x4caea3520ff6, DstMac = 0x000110621493, TcpFlags = 16, SrcPort = 32017, DstPort = 443,
            },
        ],
        // akvorado's expectation with VXLAN decapsulation on: Fennec's packet decoder always reports the innermost packet.
        ["data-encap-vxlan.pcap"] =
        [
            new()
            {
                SamplingRate = 1, SrcAddr = "2001:db8:4::1", DstAddr = "2001:db8:4::3", Exporter = "127.0.0.1",
                Bytes = 104, IpVersion = 6, Proto = 58, SrcMac = 0xca6e98f8498f, DstMac = 0x010203040506, IcmpType = 128,
            },
        ],
    };

    [CorpusTheory]
    [MemberData(nameof(Files))]
    public void Decodes_as_akvorado_expects(string file)
    {
        var path = Path.Combine(SharedData.RequireCorpus(), Folder, file);
        var datagrams = TelemetryCaptures.Read(path);
        datagrams.Should().ContainSingle();
        var decoder = new TelemetryDecoder();
        var records = TelemetryCaptures.Decode(decoder, datagrams)[0];
        var counters = decoder.Exporters.Single();
        counters.TotalErrors.Should().Be(0, counters.ToString());

        var expected = Cases[file];
        records.Should().HaveCount(expected.Length);
        var differences = new List<string>();
        for (var i = 0; i < expected.Length; i++)
        {
            foreach (var (field, want, got) in Fields(expected[i], records[i]))
            {
                var listed = Deliberate.ContainsKey((file, i, field)) || Deliberate.ContainsKey((file, -1, field));
                if (!Equals(want, got) && !listed)
                    differences.Add($"flow {i} {field}: akvorado {want}, Fennec {got} (not listed as deliberate)");
                else if (Equals(want, got) && listed)
                    differences.Add($"flow {i} {field}: listed as deliberate but equal ({got}): remove it");
            }
        }

        differences.Should().BeEmpty();
    }

    [CorpusFact]
    public void Every_akvorado_capture_is_compared()
    {
        var folder = Path.Combine(SharedData.RequireCorpus(), Folder);
        Directory.GetFiles(folder, "*.pcap").Select(Path.GetFileName).Should().BeEquivalentTo(Cases.Keys);
    }

    private static IEnumerable<(string Field, object Want, object Got)> Fields(Expected e, TelemetryRecord r)
    {
        yield return ("Protocol", TelemetryProtocol.SFlow, r.Protocol);
        yield return ("Packets", 1UL, r.Packets);
        yield return ("SamplingRate", e.SamplingRate, r.SamplingRate);
        yield return ("InputInterface", e.InIf, r.InputInterface);
        yield return ("OutputInterface", e.OutIf, r.OutputInterface);
        yield return ("Vlan", e.SrcVlan, r.Vlan);
        yield return ("SrcIp", Address(e.SrcAddr), r.SrcIp);
        yield return ("DstIp", Address(e.DstAddr), r.DstIp);
        yield return ("Exporter", Address(e.Exporter), r.Exporter);
        yield return ("NextHop", Address(e.NextHop), r.NextHop);
        yield return ("SrcAs", e.SrcAs, r.SrcAs);
        yield return ("DstAs", e.DstAs, r.DstAs);
        yield return ("SrcMask", e.SrcMask, r.SrcMask);
        yield return ("DstMask", e.DstMask, r.DstMask);
        yield return ("Bytes", e.Bytes, r.Bytes);
        yield return ("IpVersion", e.IpVersion, r.IpVersion);
        yield return ("IpProtocol", e.Proto, r.IpProtocol);
        yield return ("SrcPort", e.SrcPort, r.SrcPort);
        yield return ("DstPort", e.DstPort, r.DstPort);
        yield return ("SrcMac", e.SrcMac, r.SrcMac.Value);
        yield return ("DstMac", e.DstMac, r.DstMac.Value);
        yield return ("Tos", e.Tos, r.Tos);
        yield return ("TcpFlags", e.TcpFlags, r.TcpFlags);
        yield return ("ForwardingStatus", e.ForwardingStatus, r.ForwardingStatus);
        yield return ("IcmpTypeCode", (ushort)(e.IcmpType << 8), r.IcmpTypeCode);
        yield return ("Direction", (byte)255, r.Direction);
    }

    private static IpAddress Address(string text) => text.Length == 0 ? IpAddress.None : IpAddress.Parse(text);
}
