using Fennec.Flows.Collection;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;
using static Fennec.Flows.Tests.Collection.IpfixMessage;

namespace Fennec.Flows.Tests.Collection;

/// <summary>
/// Records that report a sampled packet (dataLinkFrameSection, ipHeaderPacketSection), records that name their
/// interfaces and VLAN only by the physical and 802.1Q elements (found missing by the akvorado comparison), and
/// random n-out-of-N sampling announced in options (found wrong by the pmacct comparison).
/// </summary>
public sealed class PacketSectionTests
{
    private static readonly IpAddress Source = IpAddress.Parse("192.0.2.1");

    [Fact]
    public void A_data_link_frame_section_gives_the_sampled_packet()
    {
        var ip = Frames.IPv4("10.0.0.1", "10.0.0.2", IpProtocol.Udp, Frames.Udp(5000, 53, new byte[20]));
        var frame = Frames.Ethernet(0x8100, Frames.VlanTag(42, 0x0800, ip));
        var record = Concat(U32(7), [(byte)frame.Length], frame);

        var flow = DecodeOne(Build(Template(400, (10, 4), (315, Variable)), Data(400, record)));

        flow.InputInterface.Should().Be(7);
        flow.IpVersion.Should().Be(4);
        flow.SrcIp.Should().Be(IpAddress.Parse("10.0.0.1"));
        flow.DstIp.Should().Be(IpAddress.Parse("10.0.0.2"));
        flow.IpProtocol.Should().Be(IpProtocol.Udp);
        (flow.SrcPort, flow.DstPort).Should().Be(((ushort)5000, (ushort)53));
        flow.SrcMac.Should().Be(MacAddress.Read(Frames.MacA));
        flow.DstMac.Should().Be(MacAddress.Read(Frames.MacB));
        flow.Vlan.Should().Be(42);
        // One sampled packet: its IP length is the byte count.
        (flow.Packets, flow.Bytes).Should().Be((1UL, (ulong)ip.Length));
    }

    [Fact]
    public void The_record_own_fields_win_over_its_packet_section()
    {
        var ip = Frames.IPv4("10.0.0.1", "10.0.0.2", IpProtocol.Tcp, Frames.Tcp(1, 2, 0x02));
        var record = Concat(IPv4("192.0.2.9"), IPv4("192.0.2.10"), U32(3), U32(999), ip);

        var flow = DecodeOne(Build(Template(401, (8, 4), (12, 4), (2, 4), (1, 4), (313, (ushort)ip.Length)), Data(401, record)));

        flow.SrcIp.Should().Be(IpAddress.Parse("192.0.2.9"));
        flow.DstIp.Should().Be(IpAddress.Parse("192.0.2.10"));
        (flow.Packets, flow.Bytes).Should().Be((3UL, 999UL));
    }

    [Fact]
    public void An_ip_header_section_is_read_from_the_ip_header()
    {
        var ip = Frames.IPv6("2001:db8::1", "2001:db8::2", IpProtocol.Tcp, Frames.Tcp(443, 50000, 0x12));

        var flow = DecodeOne(Build(Template(402, (313, Variable)), Data(402, Concat([(byte)ip.Length], ip))));

        flow.SrcIp.Should().Be(IpAddress.Parse("2001:db8::1"));
        flow.DstIp.Should().Be(IpAddress.Parse("2001:db8::2"));
        (flow.SrcPort, flow.DstPort, flow.TcpFlags).Should().Be(((ushort)443, (ushort)50000, (byte)0x12));
        flow.SrcMac.IsZero.Should().BeTrue();
    }

    [Fact]
    public void Physical_interfaces_and_the_dot1q_vlan_stand_in_only_for_missing_logical_ones()
    {
        // ingressPhysicalInterface, egressPhysicalInterface, dot1qVlanId alone.
        var alone = DecodeOne(Build(Template(403, (252, 4), (253, 4), (243, 2)), Data(403, Concat(U32(1342177291), U32(12), U16(4)))));
        (alone.InputInterface, alone.OutputInterface, alone.Vlan).Should().Be((1342177291u, 12u, (ushort)4));

        // Beside ingressInterface, egressInterface and vlanId, in either order: the logical ones win.
        var before = DecodeOne(Build(Template(404, (252, 4), (10, 4), (243, 2), (58, 2), (14, 4), (253, 4)),
            Data(404, Concat(U32(99), U32(5), U16(98), U16(6), U32(7), U32(97)))));
        (before.InputInterface, before.OutputInterface, before.Vlan).Should().Be((5u, 7u, (ushort)6));
    }

    [Fact]
    public void Random_n_out_of_N_sampling_is_population_over_size_not_the_packet_interval()
    {
        // Cisco IOS XR's sampler options: selectorId, samplingPacketInterval 1, selectorAlgorithm 3 (random n-out-of-N),
        // samplingSize 1, samplingPopulation 256. The flow names its selector.
        var options = Build(
            OptionsTemplate(257, 1, (302, 8), (305, 4), (304, 2), (309, 4), (310, 4)),
            Data(257, Concat(U32(0), U32(1), U32(1), U16(3), U32(1), U32(256))));
        var flow = Build(Template(342, (2, 4), (302, 8)), Data(342, Concat(U32(2), U32(0), U32(1))));

        var (sink, _) = RecordingSink.Decode([options, flow], Source.ToString());

        var record = sink.Flows.Should().ContainSingle().Subject;
        record.SamplingRate.Should().Be(256);
        record.ScaledPackets.Should().Be(512);
    }

    [Fact]
    public void Decoding_packet_sections_allocates_nothing()
    {
        var ip = Frames.IPv4("10.0.0.1", "10.0.0.2", IpProtocol.Udp, Frames.Udp(5000, 53, new byte[20]));
        var frame = Frames.Ethernet(0x0800, ip);
        var record = Concat(U32(7), U32(1), [(byte)frame.Length], frame);
        var template = Build(Template(405, (10, 4), (252, 4), (315, Variable)));
        var data = Build(Data(405, record, record, record));
        var decoder = new TelemetryDecoder();
        var sink = new CountingSink();
        decoder.Decode(template, Source, 0, ref sink);
        decoder.Decode(data, Source, 0, ref sink);
        var bytes = Allocations.Measure(() =>
        {
            for (var i = 0; i < 1000; i++)
                decoder.Decode(data, Source, 0, ref sink);
        });
        bytes.Should().Be(0);
        sink.Count.Should().Be(3003);
    }

    private static TelemetryRecord DecodeOne(byte[] datagram)
    {
        var (sink, decoder) = RecordingSink.Decode([datagram], Source.ToString());
        var counters = decoder.CountersOf(Source)!;
        counters.TotalErrors.Should().Be(0, counters.ToString());
        return sink.Flows.Should().ContainSingle().Subject;
    }
}
