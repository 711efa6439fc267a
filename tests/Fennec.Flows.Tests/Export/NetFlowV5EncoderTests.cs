using System.Net;
using Fennec.Flows.Export;
using Fennec.Packets.Decoding;
using static Fennec.Flows.Tests.Export.TestFlows;

namespace Fennec.Flows.Tests.Export;

public class NetFlowV5EncoderTests
{
    private static readonly DateTimeOffset Origin = DateTimeOffset.FromUnixTimeSeconds((T0 / 1_000_000_000) - 3600);

    [Fact]
    public void Writes_header_and_one_record_per_side()
    {
        var encoder = new NetFlowV5Encoder(new ExportOptions { ObservationDomainId = 0x0102, UptimeOrigin = Origin });
        var flow = Make("10.0.0.1", "192.0.2.9", 40000, 443, IpProtocol.Tcp, 12, 3400, 10, 9000);
        flow.Interface = 3;
        var now = flow.LastNs + (250 * Ms) + 123;

        var datagrams = Encode(encoder, [flow], now);

        datagrams.Should().ContainSingle();
        datagrams[0].Length.Should().Be(24 + (2 * 48));
        var d = new CollectorParser().Parse(datagrams[0]);
        d.Version.Should().Be(5);
        d.CountOrLength.Should().Be(2);
        d.SysUptime.Should().Be((uint)((now - (T0 - (3600L * 1_000_000_000))) / Ms));
        d.UnixSeconds.Should().Be((uint)(now / 1_000_000_000));
        d.UnixNanoseconds.Should().Be((uint)(now % 1_000_000_000));
        d.Sequence.Should().Be(0);
        d.Domain.Should().Be(0x0102, "engine type 1, engine id 2");

        var forward = d.Flows[0];
        forward.Address(8).Should().Be(IPAddress.Parse("10.0.0.1"));
        forward.Address(12).Should().Be(IPAddress.Parse("192.0.2.9"));
        forward.Number(7).Should().Be(40000);
        forward.Number(11).Should().Be(443);
        forward.Number(4).Should().Be(6);
        forward.Number(2).Should().Be(12);
        forward.Number(1).Should().Be(3400);
        forward.Number(6).Should().Be(0x13, "SYN|ACK|FIN");
        forward.Number(10).Should().Be(3);
        forward.Number(22).Should().Be(3_600_000, "the flow starts an hour after the origin");
        forward.Number(21).Should().Be(3_600_000 + 990);
        forward.Number(15).Should().Be(0);

        var reverse = d.Flows[1];
        reverse.Address(8).Should().Be(IPAddress.Parse("192.0.2.9"));
        reverse.Address(12).Should().Be(IPAddress.Parse("10.0.0.1"));
        reverse.Number(7).Should().Be(443);
        reverse.Number(11).Should().Be(40000);
        reverse.Number(2).Should().Be(10);
        reverse.Number(1).Should().Be(9000);
        reverse.Number(6).Should().Be(0x1A, "SYN|ACK|PSH");
        reverse.Number(22).Should().Be(3_600_005);
        reverse.Number(21).Should().Be(3_601_000);
    }

    [Fact]
    public void A_one_way_flow_is_one_record()
    {
        var encoder = new NetFlowV5Encoder(new ExportOptions());
        var datagrams = Encode(encoder, [Make("10.0.0.1", "192.0.2.9", 5353, 53, IpProtocol.Udp, 1, 70)]);
        new CollectorParser().Parse(datagrams[0]).Flows.Should().ContainSingle();
    }

    [Fact]
    public void IPv6_and_MAC_flows_cannot_be_carried()
    {
        var encoder = new NetFlowV5Encoder(new ExportOptions());
        encoder.Check(Make("2001:db8::1", "2001:db8::2", 1, 2, IpProtocol.Udp, 1, 100)).Should().Be(FlowSkipReason.IPv6NotSupported);
        encoder.Check(Arp()).Should().Be(FlowSkipReason.NotIp);
        encoder.Check(Make("10.0.0.1", "10.0.0.2", 1, 2, IpProtocol.Udp, 1, 100)).Should().Be(FlowSkipReason.None);
    }

    [Fact]
    public void ICMP_type_and_code_travel_in_the_destination_port()
    {
        var encoder = new NetFlowV5Encoder(new ExportOptions());
        var ping = Make("10.0.0.1", "10.0.0.2", 0, (8 << 8) | 0, IpProtocol.Icmp, 4, 392, 4, 392);
        var unreachable = Make("10.0.0.3", "10.0.0.4", 0, (3 << 8) | 3, IpProtocol.Icmp, 1, 70);

        var flows = new CollectorParser().Parse(Encode(encoder, [ping, unreachable])[0]).Flows;

        flows.Select(f => (f.Number(7), f.Number(11))).Should().Equal((0UL, 0x0800UL), (0UL, 0x0000UL), (0UL, 0x0303UL));
    }

    [Theory]
    [InlineData(1400, 28)]
    [InlineData(1500, 30)]
    [InlineData(9000, 30)]
    public void Packs_up_to_30_records_or_the_MTU_and_numbers_flows(int mtu, int perDatagram)
    {
        var encoder = new NetFlowV5Encoder(new ExportOptions { Mtu = mtu });
        var flows = Enumerable.Range(0, 100).Select(i => Make($"10.0.{i}.1", "192.0.2.1", (ushort)(1000 + i), 80, IpProtocol.Udp, i + 1, 100 + i)).ToList();

        var datagrams = Encode(encoder, flows);
        var parser = new CollectorParser();
        var parsed = datagrams.Select(d => parser.Parse(d)).ToList();

        parsed.Should().HaveCount((100 + perDatagram - 1) / perDatagram);
        parsed.SkipLast(1).Should().OnlyContain(d => d.CountOrLength == perDatagram);
        parsed.Select(d => d.Sequence).Should().Equal(parsed.Select((_, i) => (uint)(i * perDatagram)));
        parsed.SelectMany(d => d.Flows).Select(f => f.Number(2)).Should().Equal(Enumerable.Range(1, 100).Select(i => (ulong)i));
        datagrams.Should().OnlyContain(d => d.Length <= mtu);
    }

    [Fact]
    public void Counts_above_32_bits_are_clamped_and_counted()
    {
        var encoder = new NetFlowV5Encoder(new ExportOptions());
        var big = Make("10.0.0.1", "10.0.0.2", 1, 2, IpProtocol.Udp, 5_000_000_000, 6_000_000_000);

        var flow = new CollectorParser().Parse(Encode(encoder, [big])[0]).Flows[0];

        flow.Number(2).Should().Be(uint.MaxValue);
        flow.Number(1).Should().Be(uint.MaxValue);
        encoder.SaturatedRecords.Should().Be(1);
    }
}
