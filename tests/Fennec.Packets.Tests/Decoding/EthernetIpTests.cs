using Fennec.Packets.Decoding;
using Fennec.TestSupport;
using static Fennec.Packets.Tests.Decoding.DecoderTestHelpers;

namespace Fennec.Packets.Tests.Decoding;

public class EthernetIpTests
{
    [Fact]
    public void Tcp_over_IPv4_over_Ethernet_fills_every_field()
    {
        var frame = Frames.Ethernet(0x0800, Frames.IPv4("10.0.0.1", "192.168.1.20", 6,
            Frames.Tcp(12345, 443, 0x12, payload: [1, 2, 3], seq: 7, ack: 9, window: 512), ttl: 57));

        var p = Decode(frame);

        p.Status.Should().Be(DecodeStatus.Complete);
        p.SrcMac.ToString().Should().Be("02:00:00:00:00:01");
        p.DstMac.ToString().Should().Be("02:00:00:00:00:02");
        p.EtherType.Should().Be(0x0800);
        p.IpVersion.Should().Be(4);
        p.SrcIp.ToString().Should().Be("10.0.0.1");
        p.DstIp.ToString().Should().Be("192.168.1.20");
        p.Protocol.Should().Be(6);
        p.Ttl.Should().Be(57);
        p.SrcPort.Should().Be(12345);
        p.DstPort.Should().Be(443);
        p.TcpFlags.Should().Be(TcpFlags.Syn | TcpFlags.Ack);
        p.TcpSeq.Should().Be(7);
        p.TcpAck.Should().Be(9);
        p.TcpWindow.Should().Be(512);
        p.PayloadLength.Should().Be(3);
        p.PayloadOffset.Should().Be(14 + 20 + 20);
        p.HasPorts.Should().BeTrue();
    }
}
