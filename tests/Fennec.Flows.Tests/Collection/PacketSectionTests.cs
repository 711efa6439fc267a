using System.Buffers.Binary;
using Fennec.Flows.Collection;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;

namespace Fennec.Flows.Tests.Collection;

/// <summary>
/// Records that report a sampled packet (dataLinkFrameSection, ipHeaderPacketSection) and records that name their
/// interfaces and VLAN only by the physical and 802.1Q elements: found missing by the akvorado comparison.
/// </summary>
public sealed class PacketSectionTests
{
    private const ushort Variable = 0xFFFF;
    private static readonly IpAddress Source = IpAddress.Parse("192.0.2.1");

    [Fact]
    public void A_data_link_frame_section_gives_the_sampled_packet()
    {
        var ip = Frames.IPv4("10.0.0.1", "10.0.0.2", IpProtocol.Udp, Frames.Udp(5000, 53, new byte[20]));
        var frame = Frames.Ethernet(0x8100, Frames.VlanTag(42, 0x0800, ip));
        var record = Concat(U32(7), [(byte)frame.Length], frame);

        var flow = DecodeOne(Ipfix(400, [(10, 4), (315, Variable)], record));

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

        var flow = DecodeOne(Ipfix(401, [(8, 4), (12, 4), (2, 4), (1, 4), (313, (ushort)ip.Length)], record));

        flow.SrcIp.Should().Be(IpAddress.Parse("192.0.2.9"));
        flow.DstIp.Should().Be(IpAddress.Parse("192.0.2.10"));
        (flow.Packets, flow.Bytes).Should().Be((3UL, 999UL));
    }

    [Fact]
    public void An_ip_header_section_is_read_from_the_ip_header()
    {
        var ip = Frames.IPv6("2001:db8::1", "2001:db8::2", IpProtocol.Tcp, Frames.Tcp(443, 50000, 0x12));

        var flow = DecodeOne(Ipfix(402, [(313, Variable)], Concat([(byte)ip.Length], ip)));

        flow.SrcIp.Should().Be(IpAddress.Parse("2001:db8::1"));
        flow.DstIp.Should().Be(IpAddress.Parse("2001:db8::2"));
        (flow.SrcPort, flow.DstPort, flow.TcpFlags).Should().Be(((ushort)443, (ushort)50000, (byte)0x12));
        flow.SrcMac.IsZero.Should().BeTrue();
    }

    [Fact]
    public void Physical_interfaces_and_the_dot1q_vlan_stand_in_only_for_missing_logical_ones()
    {
        // ingressPhysicalInterface, egressPhysicalInterface, dot1qVlanId alone.
        var alone = DecodeOne(Ipfix(403, [(252, 4), (253, 4), (243, 2)], Concat(U32(1342177291), U32(12), U16(4))));
        (alone.InputInterface, alone.OutputInterface, alone.Vlan).Should().Be((1342177291u, 12u, (ushort)4));

        // Beside ingressInterface, egressInterface and vlanId, in either order: the logical ones win.
        var before = DecodeOne(Ipfix(404, [(252, 4), (10, 4), (243, 2), (58, 2), (14, 4), (253, 4)],
            Concat(U32(99), U32(5), U16(98), U16(6), U32(7), U32(97))));
        (before.InputInterface, before.OutputInterface, before.Vlan).Should().Be((5u, 7u, (ushort)6));
    }

    private static TelemetryRecord DecodeOne(byte[] datagram)
    {
        var (sink, decoder) = RecordingSink.Decode([datagram], Source.ToString());
        var counters = decoder.CountersOf(Source)!;
        counters.TotalErrors.Should().Be(0, counters.ToString());
        return sink.Flows.Should().ContainSingle().Subject;
    }

    /// <summary>An IPFIX message: one template set with the given (element, length) fields, then one data set.</summary>
    private static byte[] Ipfix(ushort templateId, (ushort Element, ushort Length)[] fields, byte[] record)
    {
        var template = new List<byte>();
        template.AddRange(U16(2));
        template.AddRange(U16((ushort)(8 + 4 * fields.Length)));
        template.AddRange(U16(templateId));
        template.AddRange(U16((ushort)fields.Length));
        foreach (var (element, length) in fields)
            template.AddRange(Concat(U16(element), U16(length)));
        var data = Concat(U16(templateId), U16((ushort)(4 + record.Length)), record);
        var body = Concat([.. template], data);
        var header = new byte[16];
        BinaryPrimitives.WriteUInt16BigEndian(header, 10);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(16 + body.Length));
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 1_700_000_000);
        return Concat(header, body);
    }

    private static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] IPv4(string address) => System.Net.IPAddress.Parse(address).GetAddressBytes();

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
