using System.Buffers.Binary;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;
using static Fennec.Packets.Tests.Decoding.DecoderTestHelpers;

namespace Fennec.Packets.Tests.Decoding;

public class LinkLayerTests
{
    private static readonly byte[] UdpPacket = Frames.IPv4("10.1.1.1", "10.2.2.2", 17, Frames.Udp(5353, 53, [9, 9]));
    private static readonly byte[] Udp6Packet = Frames.IPv6("2001:db8::1", "2001:db8::2", 17, Frames.Udp(1000, 2000));

    private static void ShouldBeTheUdpPacket(in DecodedPacket p)
    {
        p.Status.Should().Be(DecodeStatus.Complete);
        p.IpVersion.Should().Be(4);
        p.SrcIp.ToString().Should().Be("10.1.1.1");
        p.DstIp.ToString().Should().Be("10.2.2.2");
        p.SrcPort.Should().Be(5353);
        p.DstPort.Should().Be(53);
        p.PayloadLength.Should().Be(2);
    }

    [Fact]
    public void QinQ_stack_keeps_both_vlan_ids()
    {
        var frame = Frames.Ethernet(0x88A8, Frames.VlanTag(100, 0x8100, Frames.VlanTag(0x2000 | 200, 0x0800, UdpPacket)));
        var p = Decode(frame);
        ShouldBeTheUdpPacket(p);
        p.VlanId.Should().Be(100);
        p.InnerVlanId.Should().Be(200, "the priority bits are not part of the id");
        p.VlanCount.Should().Be(2);
        p.EtherType.Should().Be(0x0800);
    }

    [Fact]
    public void Mpls_label_stack_is_popped_to_the_ip_packet()
    {
        var labels = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(labels, (16000u << 12) | 64);
        BinaryPrimitives.WriteUInt32BigEndian(labels.AsSpan(4), (17u << 12) | 0x100 | 64);
        var p = Decode(Frames.Ethernet(0x8847, Frames.Concat(labels, UdpPacket)));
        ShouldBeTheUdpPacket(p);
        p.MplsDepth.Should().Be(2);
        p.MplsLabel.Should().Be(16000);
    }

    [Fact]
    public void Pppoe_session_carries_ipv4_and_ipv6()
    {
        static byte[] Session(ushort pppProtocol, byte[] payload)
        {
            var header = new byte[8] { 0x11, 0x00, 0x12, 0x34, 0, 0, 0, 0 };
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)(payload.Length + 2));
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), pppProtocol);
            return Frames.Concat(header, payload);
        }

        ShouldBeTheUdpPacket(Decode(Frames.Ethernet(0x8864, Session(0x0021, UdpPacket))));
        var v6 = Decode(Frames.Ethernet(0x8864, Session(0x0057, Udp6Packet)));
        v6.IpVersion.Should().Be(6);
        v6.SrcIp.ToString().Should().Be("2001:db8::1");
        var lcp = Decode(Frames.Ethernet(0x8864, Session(0xC021, [1, 2, 3, 4])));
        lcp.Status.Should().Be(DecodeStatus.Complete);
        lcp.IpVersion.Should().Be(0);
    }

    [Fact]
    public void Linux_cooked_v1_and_v2_give_source_mac_and_protocol()
    {
        var sll = new byte[16];
        BinaryPrimitives.WriteUInt16BigEndian(sll.AsSpan(2), 1); // ARPHRD_ETHER
        BinaryPrimitives.WriteUInt16BigEndian(sll.AsSpan(4), 6);
        Frames.MacA.CopyTo(sll, 6);
        BinaryPrimitives.WriteUInt16BigEndian(sll.AsSpan(14), 0x0800);
        var p1 = Decode(Frames.Concat(sll, UdpPacket), LinkType.LinuxSll);
        ShouldBeTheUdpPacket(p1);
        p1.SrcMac.ToString().Should().Be("02:00:00:00:00:01");

        var sll2 = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(sll2, 0x86DD);
        BinaryPrimitives.WriteUInt16BigEndian(sll2.AsSpan(8), 1);
        sll2[11] = 6;
        Frames.MacB.CopyTo(sll2, 12);
        var p2 = Decode(Frames.Concat(sll2, Udp6Packet), LinkType.LinuxSll2);
        p2.IpVersion.Should().Be(6);
        p2.DstPort.Should().Be(2000);
        p2.SrcMac.ToString().Should().Be("02:00:00:00:00:02");
    }

    [Theory]
    [InlineData(LinkType.Raw)]
    [InlineData(LinkType.RawBsd12)]
    [InlineData(LinkType.RawBsd14)]
    [InlineData(LinkType.IPv4)]
    public void Raw_ip_links_read_the_version_nibble(LinkType link)
    {
        ShouldBeTheUdpPacket(Decode(UdpPacket, link));
        Decode(Udp6Packet, LinkType.Raw).IpVersion.Should().Be(6);
        Decode([0x70, 0, 0, 0], link).Status.Should().Be(DecodeStatus.Malformed);
    }

    [Fact]
    public void Bsd_loopback_family_is_read_in_either_byte_order()
    {
        var little = new byte[] { 2, 0, 0, 0 };
        var big = new byte[] { 0, 0, 0, 2 };
        ShouldBeTheUdpPacket(Decode(Frames.Concat(little, UdpPacket), LinkType.Null));
        ShouldBeTheUdpPacket(Decode(Frames.Concat(big, UdpPacket), LinkType.Null));
        ShouldBeTheUdpPacket(Decode(Frames.Concat(big, UdpPacket), LinkType.Loop));
        Decode(Frames.Concat(new byte[] { 30, 0, 0, 0 }, Udp6Packet), LinkType.Null).IpVersion.Should().Be(6);
    }

    [Fact]
    public void Ppp_with_and_without_hdlc_framing_and_cisco_hdlc()
    {
        ShouldBeTheUdpPacket(Decode(Frames.Concat([0xFF, 0x03, 0x00, 0x21], UdpPacket), LinkType.Ppp));
        ShouldBeTheUdpPacket(Decode(Frames.Concat([0x21], UdpPacket), LinkType.Ppp));
        ShouldBeTheUdpPacket(Decode(Frames.Concat([0x0F, 0x00, 0x08, 0x00], UdpPacket), LinkType.Ppp));
        ShouldBeTheUdpPacket(Decode(Frames.Concat([0x0F, 0x00, 0x08, 0x00], UdpPacket), LinkType.CiscoHdlc));
    }

    [Fact]
    public void Radiotap_80211_data_frame_with_llc_snap()
    {
        // Radiotap: version 0, length 12, present = flags (bit 1) only; flags byte 0x10 says an FCS follows.
        var radiotap = new byte[] { 0, 0, 12, 0, 0x02, 0, 0, 0, 0x10, 0, 0, 0 };
        var wlan = new byte[24];
        wlan[0] = 0x08; // data
        wlan[1] = 0x01; // to DS: DA is address 3, SA address 2
        Frames.MacB.CopyTo(wlan, 4);
        Frames.MacA.CopyTo(wlan, 10);
        new byte[] { 0x02, 0, 0, 0, 0, 0x03 }.CopyTo(wlan, 16);
        var snap = new byte[] { 0xAA, 0xAA, 0x03, 0, 0, 0, 0x08, 0x00 };
        var fcs = new byte[] { 0xDE, 0xAD, 0xBE, 0xEF };
        var p = Decode(Frames.Concat(radiotap, wlan, snap, UdpPacket, fcs), LinkType.Ieee80211Radiotap);
        ShouldBeTheUdpPacket(p);
        p.SrcMac.ToString().Should().Be("02:00:00:00:00:01");
        p.DstMac.ToString().Should().Be("02:00:00:00:00:03");
    }

    [Fact]
    public void Protected_80211_frames_stop_at_the_link_layer()
    {
        var wlan = new byte[24];
        wlan[0] = 0x08;
        wlan[1] = 0x40;
        var p = Decode(Frames.Concat(wlan, new byte[40]), LinkType.Ieee80211);
        p.Status.Should().Be(DecodeStatus.Complete);
        p.IpVersion.Should().Be(0);
        p.PayloadOffset.Should().Be(24);
    }

    [Fact]
    public void Arp_fills_sender_and_target_protocol_addresses()
    {
        var arp = new byte[28];
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(2), 0x0800);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(6), 2);
        new byte[] { 192, 168, 0, 1 }.CopyTo(arp, 14);
        new byte[] { 192, 168, 0, 9 }.CopyTo(arp, 24);
        var p = Decode(Frames.Ethernet(0x0806, arp));
        p.ArpOperation.Should().Be(2);
        p.SrcIp.ToString().Should().Be("192.168.0.1");
        p.DstIp.ToString().Should().Be("192.168.0.9");
        p.IpVersion.Should().Be(0);
        p.EtherType.Should().Be(0x0806);
    }

    [Fact]
    public void Unknown_link_types_are_reported_as_unsupported()
    {
        var p = Decode(new byte[60], (LinkType)147);
        p.Status.Should().Be(DecodeStatus.UnsupportedLinkType);
        StatusText.Of(p).Should().Be("unsupported:linktype");
    }

    [Fact]
    public void Nflog_payload_tlv_is_decoded_as_ip()
    {
        var header = new byte[] { 2, 0, 0, 1 };
        var prefix = new byte[] { 8, 0, 10, 0, (byte)'a', (byte)'b', (byte)'c', 0 };
        var payloadTlv = new byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(payloadTlv, (ushort)(4 + UdpPacket.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(payloadTlv.AsSpan(2), 9);
        ShouldBeTheUdpPacket(Decode(Frames.Concat(header, prefix, payloadTlv, UdpPacket), LinkType.Nflog));
    }
}
