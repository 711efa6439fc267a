using System.Net;
using Fennec.Flows.Export;
using Fennec.Packets.Decoding;
using static Fennec.Flows.Tests.Export.TestFlows;

namespace Fennec.Flows.Tests.Export;

public class NetFlowV9EncoderTests
{
    private static readonly (ushort, ushort)[] IPv4Fields =
        [(1, 8), (2, 8), (22, 4), (21, 4), (8, 4), (12, 4), (10, 4), (7, 2), (11, 2), (32, 2), (58, 2), (4, 1), (6, 1), (60, 1)];

    private static readonly (ushort, ushort)[] IPv6Fields =
        [(1, 8), (2, 8), (22, 4), (21, 4), (27, 16), (28, 16), (10, 4), (7, 2), (11, 2), (32, 2), (58, 2), (4, 1), (6, 1), (60, 1)];

    private static readonly DateTimeOffset Origin = DateTimeOffset.FromUnixTimeSeconds((T0 / 1_000_000_000) - 60);

    [Fact]
    public void The_first_datagram_carries_both_templates_then_the_data()
    {
        var encoder = new NetFlowV9Encoder(new ExportOptions { ObservationDomainId = 77, UptimeOrigin = Origin });
        var flow = Make("10.1.2.3", "192.0.2.80", 51000, 80, IpProtocol.Tcp, 5, 600, 4, 2400);
        flow.Vlan = 42;
        flow.Interface = 7;
        var now = flow.LastNs + (2 * Ms);

        var datagram = Encode(encoder, [flow], now).Single();
        var d = new CollectorParser().Parse(datagram);

        d.Version.Should().Be(9);
        d.SetIds.Should().Equal(0, 256);
        d.Templates.Select(t => t.Id).Should().Equal(256, 257);
        d.Templates[0].Fields.Should().Equal(IPv4Fields);
        d.Templates[1].Fields.Should().Equal(IPv6Fields);
        d.CountOrLength.Should().Be(4, "two template records and two data records");
        d.Sequence.Should().Be(0);
        d.Domain.Should().Be(77);
        d.SysUptime.Should().Be(61_000, "the header is stamped at the whole second, a minute and a second after the origin");
        d.UnixSeconds.Should().Be((uint)(now / 1_000_000_000));
        datagram.Length.Should().Be(20 + (4 + (2 * 4) + (4 * IPv4Fields.Length) + (4 * IPv6Fields.Length)) + 4 + (2 * 47) + 2);

        var forward = d.Flows[0];
        forward.TemplateId.Should().Be(256);
        forward.Address(8).Should().Be(IPAddress.Parse("10.1.2.3"));
        forward.Address(12).Should().Be(IPAddress.Parse("192.0.2.80"));
        forward.Number(7).Should().Be(51000);
        forward.Number(11).Should().Be(80);
        forward.Number(2).Should().Be(5);
        forward.Number(1).Should().Be(600);
        forward.Number(22).Should().Be(60_000);
        forward.Number(21).Should().Be(60_990);
        forward.Number(58).Should().Be(42);
        forward.Number(10).Should().Be(7);
        forward.Number(60).Should().Be(4);
        forward.Number(4).Should().Be(6);
        forward.Number(6).Should().Be(0x13);
        forward.Number(32).Should().Be(0, "only ICMP has a type and code");

        var reverse = d.Flows[1];
        reverse.Address(8).Should().Be(IPAddress.Parse("192.0.2.80"));
        reverse.Number(7).Should().Be(80);
        reverse.Number(11).Should().Be(51000);
        reverse.Number(2).Should().Be(4);
        reverse.Number(1).Should().Be(2400);
        reverse.Number(22).Should().Be(60_005);
        reverse.Number(21).Should().Be(61_000);
    }

    [Fact]
    public void IPv6_flows_use_the_IPv6_template()
    {
        var encoder = new NetFlowV9Encoder(new ExportOptions());
        var flow = Make("2001:db8::1", "2001:db8:1::99", 0, (128 << 8) | 0, IpProtocol.Icmpv6, 3, 312, 3, 312);

        var d = new CollectorParser().Parse(Encode(encoder, [flow]).Single());

        d.SetIds.Should().Equal(0, 257);
        d.Flows.Select(f => f.Address(27)).Should().Equal(IPAddress.Parse("2001:db8::1"), IPAddress.Parse("2001:db8:1::99"));
        d.Flows.Select(f => f.Address(28)).Should().Equal(IPAddress.Parse("2001:db8:1::99"), IPAddress.Parse("2001:db8::1"));
        d.Flows.Select(f => f.Number(11)).Should().Equal(128UL << 8, 129UL << 8);
        d.Flows.Select(f => f.Number(32)).Should().Equal(128UL << 8, 129UL << 8);
        d.Flows.Select(f => f.Number(7)).Should().Equal(0UL, 0UL);
        d.Flows.Should().OnlyContain(f => f.Number(60) == 6);
    }

    [Fact]
    public void Mixed_families_alternate_data_sets_padded_to_four_bytes()
    {
        var encoder = new NetFlowV9Encoder(new ExportOptions());
        var flows = new[]
        {
            Make("10.0.0.1", "10.0.0.2", 1, 2, IpProtocol.Udp, 1, 100),
            Make("2001:db8::1", "2001:db8::2", 3, 4, IpProtocol.Udp, 2, 200),
            Make("2001:db8::3", "2001:db8::4", 5, 6, IpProtocol.Udp, 3, 300),
            Make("10.0.0.3", "10.0.0.4", 7, 8, IpProtocol.Udp, 4, 400),
        };

        var d = new CollectorParser().Parse(Encode(encoder, flows).Single());

        d.SetIds.Should().Equal(0, 256, 257, 256);
        d.Flows.Select(f => f.Number(2)).Should().Equal(1UL, 2UL, 3UL, 4UL);
        d.CountOrLength.Should().Be(6);
    }

    [Fact]
    public void Sequence_counts_datagrams_and_templates_come_back_every_N_datagrams()
    {
        var encoder = new NetFlowV9Encoder(new ExportOptions { TemplateRefreshDatagrams = 3 });
        var flows = Mix(400);

        var parser = new CollectorParser();
        var parsed = Encode(encoder, flows).Select(d => parser.Parse(d)).ToList();

        parsed.Count.Should().BeGreaterThan(7);
        parsed.Select(d => d.Sequence).Should().Equal(parsed.Select((_, i) => (uint)i));
        parsed.Select(d => d.Templates.Count).Should().Equal(parsed.Select((_, i) => i % 3 == 0 ? 2 : 0));
    }

    [Fact]
    public void Templates_come_back_after_the_refresh_interval_of_capture_time()
    {
        var encoder = new NetFlowV9Encoder(new ExportOptions { TemplateRefreshInterval = TimeSpan.FromSeconds(10) });
        var buffer = new byte[1400];
        var flow = Make("10.0.0.1", "10.0.0.2", 1, 2, IpProtocol.Udp, 1, 100);
        var parser = new CollectorParser();
        var withTemplates = new List<bool>();
        foreach (var seconds in new[] { 0, 4, 9, 10, 11, 19, 21 })
        {
            var now = T0 + (seconds * 1_000_000_000L);
            encoder.Begin(buffer, now);
            encoder.TryAppend(buffer, flow, FlowSide.Forward);
            withTemplates.Add(parser.Parse(buffer.AsSpan(0, encoder.Finish(buffer, now))).Templates.Count == 2);
        }

        withTemplates.Should().Equal(true, false, false, true, false, false, true);
    }
}
