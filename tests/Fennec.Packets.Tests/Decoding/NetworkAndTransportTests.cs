using System.Buffers.Binary;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;
using static Fennec.Packets.Tests.Decoding.DecoderTestHelpers;

namespace Fennec.Packets.Tests.Decoding;

public class NetworkAndTransportTests
{
    [Fact]
    public void Ipv4_options_are_skipped_to_the_transport_header()
    {
        var p = Decode(Frames.Ethernet(0x0800, Frames.IPv4("1.1.1.1", "2.2.2.2", 6, Frames.Tcp(80, 8080, 0x18, [1, 2]),
            options: [0x94, 0x04, 0, 0, 1, 1, 1, 0])));
        p.Status.Should().Be(DecodeStatus.Complete);
        p.SrcPort.Should().Be(80);
        p.DstPort.Should().Be(8080);
        p.PayloadOffset.Should().Be(14 + 28 + 20);
    }

    [Fact]
    public void Ipv4_fragments_keep_ports_only_in_the_first()
    {
        var first = Decode(Frames.Ethernet(0x0800, Frames.IPv4("1.1.1.1", "2.2.2.2", 17, Frames.Udp(1, 2, new byte[16]), fragment: 0x2000, id: 77)));
        first.IsFragment.Should().BeTrue();
        first.MoreFragments.Should().BeTrue();
        first.FragmentOffset.Should().Be(0);
        first.FragmentId.Should().Be(77);
        first.HasPorts.Should().BeTrue();

        var later = Decode(Frames.Ethernet(0x0800, Frames.IPv4("1.1.1.1", "2.2.2.2", 17, new byte[24], fragment: 3, id: 77)));
        later.IsFragment.Should().BeTrue();
        later.MoreFragments.Should().BeFalse();
        later.FragmentOffset.Should().Be(24);
        later.HasPorts.Should().BeFalse();
        later.Protocol.Should().Be(17);
        later.PayloadLength.Should().Be(24);
        later.Status.Should().Be(DecodeStatus.Complete);
    }

    [Fact]
    public void Ethernet_padding_is_not_payload()
    {
        var frame = Frames.Ethernet(0x0800, Frames.Concat(Frames.IPv4("1.1.1.1", "2.2.2.2", 6, Frames.Tcp(1, 2, 0x10)), new byte[6]));
        Decode(frame).PayloadLength.Should().Be(0);
    }

    [Fact]
    public void Ipv6_extension_chain_is_followed_to_the_transport()
    {
        // hop-by-hop -> routing -> AH -> destination options -> TCP
        var tcp = Frames.Tcp(443, 50000, 0x11);
        var dest = Frames.IPv6Extension(6, 8, tcp);
        var ah = new byte[16 + dest.Length];
        ah[0] = 60;
        ah[1] = 2; // (2 + 2) * 4 = 16 bytes
        dest.CopyTo(ah, 16);
        var routing = Frames.IPv6Extension(51, 24, ah);
        var hop = Frames.IPv6Extension(43, 8, routing);
        var p = Decode(Frames.Ethernet(0x86DD, Frames.IPv6("fe80::1", "ff02::1:2", 0, hop)));
        p.Status.Should().Be(DecodeStatus.Complete);
        p.Protocol.Should().Be(6);
        p.SrcPort.Should().Be(443);
        p.TcpFlags.Should().Be(TcpFlags.Fin | TcpFlags.Ack);
        p.SrcIp.ToString().Should().Be("fe80::1");
        p.DstIp.ToString().Should().Be("ff02::1:2");
    }

    [Fact]
    public void Ipv6_fragment_header_gives_fragment_info()
    {
        var first = Decode(Frames.Ethernet(0x86DD, Frames.IPv6("2001:db8::1", "2001:db8::2", 44, Frames.IPv6Fragment(17, 0, true, 0xABCDEF, Frames.Udp(7, 8, new byte[8])))));
        first.IsFragment.Should().BeTrue();
        first.FragmentId.Should().Be(0xABCDEF);
        first.HasPorts.Should().BeTrue();
        first.Protocol.Should().Be(17);

        var later = Decode(Frames.Ethernet(0x86DD, Frames.IPv6("2001:db8::1", "2001:db8::2", 44, Frames.IPv6Fragment(17, 1448, false, 0xABCDEF, new byte[16]))));
        later.FragmentOffset.Should().Be(1448);
        later.HasPorts.Should().BeFalse();
        later.Protocol.Should().Be(17);
    }

    [Fact]
    public void Icmp_error_keeps_the_quoted_header_apart()
    {
        var quoted = Frames.IPv4("10.0.0.5", "8.8.8.8", 17, Frames.Udp(40000, 53));
        var icmp = Frames.Icmp(3, 3, Frames.Concat(new byte[4], quoted[..28]));
        var p = Decode(Frames.Ethernet(0x0800, Frames.IPv4("8.8.8.8", "10.0.0.5", 1, icmp)));
        p.HasIcmp.Should().BeTrue();
        p.IcmpType.Should().Be(3);
        p.IcmpCode.Should().Be(3);
        p.HasPorts.Should().BeFalse();
        p.SrcIp.ToString().Should().Be("8.8.8.8");
        p.QuotedProtocol.Should().Be(17);
        p.QuotedSrcIp.ToString().Should().Be("10.0.0.5");
        p.QuotedDstIp.ToString().Should().Be("8.8.8.8");
        p.QuotedSrcPort.Should().Be(40000);
        p.QuotedDstPort.Should().Be(53);
    }

    [Fact]
    public void Icmpv6_error_quotes_an_ipv6_header()
    {
        var quoted = Frames.IPv6("2001:db8::5", "2001:db8::9", 6, Frames.Tcp(1234, 22, 0x02));
        var icmp = Frames.Icmp(1, 4, Frames.Concat(new byte[4], quoted[..48]));
        var p = Decode(Frames.Ethernet(0x86DD, Frames.IPv6("2001:db8::9", "2001:db8::5", 58, icmp)));
        p.IcmpType.Should().Be(1);
        p.IcmpCode.Should().Be(4);
        p.QuotedProtocol.Should().Be(6);
        p.QuotedDstPort.Should().Be(22);
        p.QuotedSrcIp.ToString().Should().Be("2001:db8::5");
    }

    [Fact]
    public void Icmp_echo_has_no_quote()
    {
        var p = Decode(Frames.Ethernet(0x0800, Frames.IPv4("1.1.1.1", "2.2.2.2", 1, Frames.Icmp(8, 0, new byte[60]))));
        p.IcmpType.Should().Be(8);
        p.QuotedProtocol.Should().Be(0);
        p.PayloadLength.Should().Be(60);
    }

    [Fact]
    public void Sctp_ports_are_read()
    {
        var sctp = new byte[28];
        BinaryPrimitives.WriteUInt16BigEndian(sctp, 2905);
        BinaryPrimitives.WriteUInt16BigEndian(sctp.AsSpan(2), 2906);
        var p = Decode(Frames.Ethernet(0x0800, Frames.IPv4("1.1.1.1", "2.2.2.2", 132, sctp)));
        p.HasPorts.Should().BeTrue();
        p.SrcPort.Should().Be(2905);
        p.DstPort.Should().Be(2906);
        p.PayloadLength.Should().Be(16);
    }

    [Fact]
    public void Tcp_with_options_and_ns_flag()
    {
        var tcp = Frames.Tcp(1, 2, 0xC2, optionBytes: 12, payload: [5]);
        tcp[12] |= 1; // NS
        var p = Decode(Frames.Ethernet(0x0800, Frames.IPv4("1.1.1.1", "2.2.2.2", 6, tcp)));
        p.TcpFlags.Should().Be(TcpFlags.Syn | TcpFlags.Ece | TcpFlags.Cwr | TcpFlags.Ns);
        p.PayloadLength.Should().Be(1);
        p.PayloadOffset.Should().Be(14 + 20 + 32);
    }

    [Fact]
    public void Impossible_header_lengths_are_malformed()
    {
        var badIhl = Frames.IPv4("1.1.1.1", "2.2.2.2", 6, Frames.Tcp(1, 2, 0x02));
        badIhl[0] = 0x44;
        var p = Decode(Frames.Ethernet(0x0800, badIhl));
        p.Status.Should().Be(DecodeStatus.Malformed);
        p.StatusLayer.Should().Be(DecodeLayer.IPv4);

        var badOffset = Frames.Tcp(1, 2, 0x02);
        badOffset[12] = 0x30;
        var q = Decode(Frames.Ethernet(0x0800, Frames.IPv4("1.1.1.1", "2.2.2.2", 6, badOffset)));
        q.Status.Should().Be(DecodeStatus.Malformed);
        q.StatusLayer.Should().Be(DecodeLayer.Tcp);
        q.SrcPort.Should().Be(1, "the fixed header is still readable");
    }

    [Fact]
    public void Snapshot_cut_inside_tcp_keeps_the_ports()
    {
        var full = Frames.Ethernet(0x0800, Frames.IPv4("1.1.1.1", "2.2.2.2", 6, Frames.Tcp(1111, 2222, 0x02)));
        var p = Decode(full[..(14 + 20 + 8)]);
        p.Status.Should().Be(DecodeStatus.Truncated);
        p.StatusLayer.Should().Be(DecodeLayer.Tcp);
        p.HasPorts.Should().BeTrue();
        p.SrcPort.Should().Be(1111);
        p.DstPort.Should().Be(2222);
        StatusText.Of(p).Should().Be("truncated:tcp");
    }
}
