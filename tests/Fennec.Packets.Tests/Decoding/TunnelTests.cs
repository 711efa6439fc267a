using System.Buffers.Binary;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;
using static Fennec.Packets.Tests.Decoding.DecoderTestHelpers;

namespace Fennec.Packets.Tests.Decoding;

public class TunnelTests
{
    private static readonly byte[] InnerTcp = Frames.IPv4("192.168.7.1", "192.168.7.2", 6, Frames.Tcp(5555, 80, 0x02));

    private static void ShouldBeTheInnerTcp(in DecodedPacket p, int depth)
    {
        p.Status.Should().Be(DecodeStatus.Complete);
        p.TunnelDepth.Should().Be((byte)depth);
        p.SrcIp.ToString().Should().Be("192.168.7.1");
        p.DstIp.ToString().Should().Be("192.168.7.2");
        p.Protocol.Should().Be(6);
        p.SrcPort.Should().Be(5555);
        p.DstPort.Should().Be(80);
        p.SrcMac.ToString().Should().Be("02:00:00:00:00:01", "tunnelled frames keep the capturing link's MACs");
    }

    private static byte[] Outer(byte protocol, byte[] payload) =>
        Frames.Ethernet(0x0800, Frames.IPv4("203.0.113.1", "203.0.113.2", protocol, payload));

    [Fact]
    public void Ip_in_ip_reports_the_inner_packet()
    {
        ShouldBeTheInnerTcp(Decode(Outer(4, InnerTcp)), 1);
    }

    [Fact]
    public void Ipv6_in_ipv4()
    {
        var inner = Frames.IPv6("2001:db8::a", "2001:db8::b", 17, Frames.Udp(1, 2));
        var p = Decode(Outer(41, inner));
        p.IpVersion.Should().Be(6);
        p.TunnelDepth.Should().Be(1);
        p.SrcIp.ToString().Should().Be("2001:db8::a");
        p.EtherType.Should().Be(0x0800, "the ethertype is the capturing link's");
    }

    [Fact]
    public void Gre_with_key_and_sequence()
    {
        var gre = new byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(gre, 0x3000);
        BinaryPrimitives.WriteUInt16BigEndian(gre.AsSpan(2), 0x0800);
        ShouldBeTheInnerTcp(Decode(Outer(47, Frames.Concat(gre, InnerTcp))), 1);
    }

    [Fact]
    public void Gre_transparent_ethernet_and_erspan()
    {
        var teb = new byte[] { 0, 0, 0x65, 0x58 };
        var innerFrame = Frames.Ethernet(0x0800, InnerTcp, src: [0x0a, 0, 0, 0, 0, 1]);
        ShouldBeTheInnerTcp(Decode(Outer(47, Frames.Concat(teb, innerFrame))), 1);

        var erspan = new byte[] { 0x10, 0, 0x88, 0xBE, 0, 0, 0, 1 };
        ShouldBeTheInnerTcp(Decode(Outer(47, Frames.Concat(erspan, new byte[8], innerFrame))), 1);
    }

    [Fact]
    public void Pptp_enhanced_gre_carries_ppp()
    {
        var gre = new byte[] { 0x30, 0x01, 0x88, 0x0B, 0, 40, 0, 1, 0, 0, 0, 7 };
        ShouldBeTheInnerTcp(Decode(Outer(47, Frames.Concat(gre, new byte[] { 0xFF, 0x03, 0x00, 0x21 }, InnerTcp))), 1);
    }

    [Fact]
    public void Vxlan_on_either_port()
    {
        var vxlan = new byte[] { 0x08, 0, 0, 0, 0, 0, 42, 0 };
        var innerFrame = Frames.Ethernet(0x0800, InnerTcp);
        ShouldBeTheInnerTcp(Decode(Outer(17, Frames.Udp(50000, 4789, Frames.Concat(vxlan, innerFrame)))), 1);
        ShouldBeTheInnerTcp(Decode(Outer(17, Frames.Udp(4789, 4790, Frames.Concat(vxlan, innerFrame)))), 1);
    }

    [Fact]
    public void Vxlan_without_the_vni_flag_is_left_as_udp()
    {
        var p = Decode(Outer(17, Frames.Udp(50000, 4789, Frames.Concat(new byte[8], Frames.Ethernet(0x0800, InnerTcp)))));
        p.TunnelDepth.Should().Be(0);
        p.Protocol.Should().Be(17);
        p.DstPort.Should().Be(4789);
    }

    [Fact]
    public void Arp_inside_a_tunnel_does_not_replace_the_outer_addresses()
    {
        var arp = new byte[28];
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(2), 0x0800);
        arp[4] = 6;
        arp[5] = 4;
        new byte[] { 9, 9, 9, 9 }.CopyTo(arp, 14);
        var vxlan = new byte[] { 0x08, 0, 0, 0, 0, 0, 42, 0 };
        var p = Decode(Outer(17, Frames.Udp(50000, 4789, Frames.Concat(vxlan, Frames.Ethernet(0x0806, arp)))));
        p.SrcIp.ToString().Should().Be("203.0.113.1");
    }

    [Fact]
    public void Geneve_gtp_u_and_mpls_over_udp()
    {
        var geneve = new byte[] { 0x01, 0, 0x65, 0x58, 0, 0, 1, 0, 0, 0, 0, 0 }; // one 4-byte option
        ShouldBeTheInnerTcp(Decode(Outer(17, Frames.Udp(1000, 6081, Frames.Concat(geneve, Frames.Ethernet(0x0800, InnerTcp))))), 1);

        var gtp = new byte[] { 0x30, 0xFF, 0, (byte)InnerTcp.Length, 0, 0, 0, 1 };
        ShouldBeTheInnerTcp(Decode(Outer(17, Frames.Udp(2152, 2152, Frames.Concat(gtp, InnerTcp)))), 1);

        var gtpWithExtension = new byte[] { 0x34, 0xFF, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x85, 1, 0, 0, 0 };
        ShouldBeTheInnerTcp(Decode(Outer(17, Frames.Udp(2152, 2152, Frames.Concat(gtpWithExtension, InnerTcp)))), 1);

        var label = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(label, (100u << 12) | 0x100 | 255);
        ShouldBeTheInnerTcp(Decode(Outer(17, Frames.Udp(1, 6635, Frames.Concat(label, InnerTcp)))), 1);
    }

    [Fact]
    public void Pim_register_carries_the_multicast_packet()
    {
        var pim = new byte[] { 0x21, 0, 0, 0, 0, 0, 0, 0 };
        ShouldBeTheInnerTcp(Decode(Outer(103, Frames.Concat(pim, InnerTcp))), 1);
    }

    [Fact]
    public void Nesting_deeper_than_the_bound_is_malformed_not_a_stack_overflow()
    {
        var packet = InnerTcp;
        for (var i = 0; i < PacketDecoder.MaxTunnelDepth + 4; i++)
            packet = Frames.IPv4("10.0.0.1", "10.0.0.2", 4, packet);
        var p = Decode(Frames.Ethernet(0x0800, packet));
        p.Status.Should().Be(DecodeStatus.Malformed);
        p.StatusLayer.Should().Be(DecodeLayer.Tunnel);
        p.TunnelDepth.Should().Be(PacketDecoder.MaxTunnelDepth);
    }

    [Fact]
    public void Mpls_pseudowire_with_control_word_carries_ethernet()
    {
        var label = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(label, (17u << 12) | 0x100 | 64);
        var p = Decode(Frames.Ethernet(0x8847, Frames.Concat(label, new byte[4], Frames.Ethernet(0x0800, InnerTcp))));
        ShouldBeTheInnerTcp(p, 1);
    }
}
