using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Fennec.Flows.Assembly;
using Fennec.Flows.Export;
using Fennec.Packets.Decoding;
using static Fennec.Flows.Tests.Export.TestFlows;

namespace Fennec.Flows.Tests.Export;

public class IpfixEncoderTests
{
    private static readonly (ushort, ushort)[] IPv4Fields =
        [(1, 8), (2, 8), (152, 8), (153, 8), (8, 4), (12, 4), (10, 4), (7, 2), (11, 2), (32, 2), (58, 2), (4, 1), (6, 1), (60, 1), (136, 1)];

    private static readonly (ushort, ushort)[] IPv6Fields =
        [(1, 8), (2, 8), (152, 8), (153, 8), (27, 16), (28, 16), (10, 4), (7, 2), (11, 2), (139, 2), (58, 2), (4, 1), (6, 1), (60, 1), (136, 1)];

    private static ulong UnixMs(long ns) => (ulong)(ns / Ms);

    [Fact]
    public void The_first_message_carries_both_templates_then_the_data()
    {
        var encoder = new IpfixEncoder(new ExportOptions { ObservationDomainId = 0xDEADBEEF });
        var flow = Make("198.51.100.7", "203.0.113.1", 60000, 8443, IpProtocol.Tcp, 9, 1200, 7, 8800);
        flow.EndReason = FlowEndReason.Fin;
        var now = flow.LastNs + (1500 * Ms);

        var datagram = Encode(encoder, [flow], now).Single();
        var d = new CollectorParser().Parse(datagram);

        d.Version.Should().Be(10);
        d.CountOrLength.Should().Be(datagram.Length);
        d.UnixSeconds.Should().Be((uint)(now / 1_000_000_000));
        d.Sequence.Should().Be(0);
        d.Domain.Should().Be(0xDEADBEEF);
        d.SetIds.Should().Equal(2, 256);
        d.Templates.Select(t => t.Id).Should().Equal(256, 257);
        d.Templates[0].Fields.Should().Equal(IPv4Fields);
        d.Templates[1].Fields.Should().Equal(IPv6Fields);
        datagram.Length.Should().Be(16 + (4 + 8 + (4 * 15 * 2)) + 4 + (2 * 56));

        var forward = d.Flows[0];
        forward.Address(8).Should().Be(IPAddress.Parse("198.51.100.7"));
        forward.Address(12).Should().Be(IPAddress.Parse("203.0.113.1"));
        forward.Number(7).Should().Be(60000);
        forward.Number(11).Should().Be(8443);
        forward.Number(2).Should().Be(9);
        forward.Number(1).Should().Be(1200);
        forward.Number(152).Should().Be(UnixMs(T0));
        forward.Number(153).Should().Be(UnixMs(T0 + (990 * Ms)));
        forward.Number(136).Should().Be(3, "FIN is the end of the flow");
        forward.Number(60).Should().Be(4);

        var reverse = d.Flows[1];
        reverse.Address(8).Should().Be(IPAddress.Parse("203.0.113.1"));
        reverse.Number(7).Should().Be(8443);
        reverse.Number(11).Should().Be(60000);
        reverse.Number(2).Should().Be(7);
        reverse.Number(1).Should().Be(8800);
        reverse.Number(152).Should().Be(UnixMs(T0 + (5 * Ms)));
        reverse.Number(153).Should().Be(UnixMs(T0 + (1000 * Ms)));
    }

    [Fact]
    public void ICMP_type_and_code_go_in_the_destination_port_and_the_family_element()
    {
        var flows = new[]
        {
            Make("10.0.0.1", "10.0.0.2", 0, (8 << 8) | 0, IpProtocol.Icmp, 2, 196, 2, 196),
            Make("2001:db8::1", "2001:db8::2", 0, (1 << 8) | 4, IpProtocol.Icmpv6, 1, 90),
        };

        var d = new CollectorParser().Parse(Encode(new IpfixEncoder(new ExportOptions()), flows).Single());

        d.Flows.Select(f => (f.Number(7), f.Number(11))).Should().Equal((0UL, 0x0800UL), (0UL, 0x0000UL), (0UL, 0x0104UL));
        d.Flows.Take(2).Select(f => f.Number(32)).Should().Equal(0x0800UL, 0x0000UL);
        d.Flows[2].Number(139).Should().Be(0x0104, "destination unreachable, port unreachable has no reply type");
        d.Flows[2].Has(32).Should().BeFalse();
    }

    [Theory]
    [InlineData(FlowEndReason.Idle, 1)]
    [InlineData(FlowEndReason.ActiveTimeout, 2)]
    [InlineData(FlowEndReason.Fin, 3)]
    [InlineData(FlowEndReason.Rst, 3)]
    [InlineData(FlowEndReason.EndOfInput, 4)]
    [InlineData(FlowEndReason.Evicted, 5)]
    public void Maps_end_reasons_to_flowEndReason(FlowEndReason reason, int code)
    {
        var flow = Make("10.0.0.1", "10.0.0.2", 1, 2, IpProtocol.Udp, 1, 100);
        flow.EndReason = reason;

        var d = new CollectorParser().Parse(Encode(new IpfixEncoder(new ExportOptions()), [flow]).Single());

        d.Flows.Single().Number(136).Should().Be((ulong)code);
    }

    [Fact]
    public void Sequence_counts_data_records_before_the_message()
    {
        var encoder = new IpfixEncoder(new ExportOptions());
        var parser = new CollectorParser();

        var parsed = Encode(encoder, Mix(300)).Select(d => parser.Parse(d)).ToList();

        parsed.Count.Should().BeGreaterThan(20);
        var expected = 0u;
        foreach (var d in parsed)
        {
            d.Sequence.Should().Be(expected);
            expected += (uint)d.Flows.Count;
        }

        parsed.Select(d => d.Templates.Count).Should().Equal(parsed.Select((_, i) => i % 20 == 0 ? 2 : 0));
    }

    [Fact]
    public void MAC_addresses_are_exported_when_asked()
    {
        var encoder = new IpfixEncoder(new ExportOptions { IncludeMacAddresses = true });
        var flow = Make("10.0.0.1", "10.0.0.2", 1, 2, IpProtocol.Udp, 1, 100, 1, 100);
        flow.SrcMac = new MacAddress(0x0011_2233_4455);
        flow.DstMac = new MacAddress(0x6677_8899_AABB);

        var d = new CollectorParser().Parse(Encode(encoder, [flow]).Single());

        d.Templates[0].Fields.Should().EndWith([(56, 6), (80, 6)]);
        d.Templates[1].Fields.Should().EndWith([(56, 6), (80, 6)]);
        d.Flows.Select(f => (f.Number(56), f.Number(80))).Should().Equal((0x0011_2233_4455UL, 0x6677_8899_AABBUL), (0x6677_8899_AABBUL, 0x0011_2233_4455UL));
    }

    [Fact]
    public void Any_record_round_trips_through_a_collector()
    {
        var records =
            from v6 in ArbMap.Default.GeneratorFor<bool>()
            from a in ArbMap.Default.GeneratorFor<ulong>()
            from b in ArbMap.Default.GeneratorFor<ulong>()
            from srcPort in ArbMap.Default.GeneratorFor<ushort>()
            from dstPort in ArbMap.Default.GeneratorFor<ushort>()
            from protocol in Gen.Elements<byte>(6, 17, 47, 132)
            from packets in Gen.Choose(1, int.MaxValue)
            from bytes in ArbMap.Default.GeneratorFor<uint>()
            from startMs in Gen.Choose(0, 1_000_000)
            from durationMs in Gen.Choose(0, 3_600_000)
            from flags in Gen.Choose(0, 255)
            from vlan in Gen.Choose(0, 4095)
            select MakeRandom(v6, a, b, srcPort, dstPort, protocol, packets, bytes, startMs, durationMs, flags, vlan);

        Prop.ForAll(records.ToArbitrary(), flow =>
        {
            var d = new CollectorParser().Parse(Encode(new IpfixEncoder(new ExportOptions()), [flow]).Single());
            var f = d.Flows.Single();
            var (src, dst) = flow.IpVersion == 6 ? ((ushort)27, (ushort)28) : ((ushort)8, (ushort)12);
            return f.Address(src).Equals(ToIPAddress(flow.SrcIp)) && f.Address(dst).Equals(ToIPAddress(flow.DstIp)) &&
                   f.Number(7) == flow.SrcPort && f.Number(11) == flow.DstPort && f.Number(4) == flow.Protocol &&
                   f.Number(2) == (ulong)flow.Forward.Packets && f.Number(1) == (ulong)flow.Forward.IpBytes &&
                   f.Number(152) == UnixMs(flow.FirstNs) && f.Number(153) == UnixMs(flow.LastNs) &&
                   f.Number(6) == (ulong)flow.Forward.TcpFlags && f.Number(58) == flow.Vlan && f.Number(60) == flow.IpVersion;
        }).QuickCheckThrowOnFailure();
    }

    private static FlowRecord MakeRandom(bool v6, ulong a, ulong b, ushort srcPort, ushort dstPort, byte protocol, int packets, uint bytes,
        int startMs, int durationMs, int flags, int vlan)
    {
        var flow = Make("10.0.0.1", "10.0.0.2", srcPort, dstPort, protocol, packets, bytes, 0, 0, T0 + (startMs * Ms), durationMs * Ms);
        flow.SrcIp = v6 ? new IpAddress(a | 1UL << 63, b) : IpAddress.FromIPv4((uint)a);
        flow.DstIp = v6 ? new IpAddress(b | 1UL << 63, a) : IpAddress.FromIPv4((uint)b);
        flow.IpVersion = v6 ? (byte)6 : (byte)4;
        flow.Forward.TcpFlags = (TcpFlags)flags;
        flow.Vlan = (ushort)vlan;
        return flow;
    }

    private static IPAddress ToIPAddress(IpAddress address)
    {
        var bytes = new byte[16];
        address.WriteBytes(bytes);
        return address.IsIPv4 ? new IPAddress(bytes.AsSpan(12)) : new IPAddress(bytes);
    }
}
