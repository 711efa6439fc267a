using Fennec.Enrichment.Geo;
using Fennec.Features.Traffic;
using Fennec.Flows.Assembly;
using Fennec.Packets.Decoding;

namespace Fennec.Features.Tests.Traffic;

public class TrafficProfileTests
{
    private const long Hour = 3_600_000_000_000L;
    private const long Day0 = 20_458L * 24 * Hour;
    private static readonly IpAddress Inside = IpAddress.Parse("10.0.0.7");
    private static readonly IpAddress Server = IpAddress.Parse("10.0.0.2");
    private static readonly IpAddress Outside = IpAddress.Parse("203.0.113.9");
    private static readonly CountryCode De = CountryCode.Parse("DE");

    private static FlowRecord Flow(IpAddress src, IpAddress dst, ushort port, long firstNs, long lastNs, long fwdBytes, long revBytes)
    {
        var flow = new FlowRecord { SrcIp = src, DstIp = dst, SrcPort = 50000, DstPort = port, Protocol = 6, IpVersion = 4, FirstNs = firstNs, LastNs = lastNs };
        flow.Forward.Packets = 10;
        flow.Forward.Bytes = fwdBytes;
        flow.Reverse.Packets = 6;
        flow.Reverse.Bytes = revBytes;
        return flow;
    }

    [Fact]
    public void An_outbound_flow_counts_for_its_host_the_network_its_country_port_and_pair()
    {
        var profile = new TrafficProfile();
        profile.Add(Flow(Inside, Outside, 443, Day0 + 10 * 60_000_000_000L, Day0 + 11 * 60_000_000_000L, 1000, 9000),
            new FlowEnds(true, false, CountryCode.None, De));

        var bucket = profile.BucketOf(Day0);
        profile.InsideHosts.Should().Equal(Inside);
        var host = profile.HostAt(0, bucket)!;
        (host.BytesOut, host.BytesIn, host.Packets, host.FlowsOut, host.FlowsIn, host.Peers.Count).Should().Be((1000.0, 9000.0, 16.0, 1L, 0L, 1L));
        var site = profile.SiteAt(bucket)!;
        (site.BytesOut, site.BytesIn, site.FlowsOut, site.Peers.Count).Should().Be((1000.0, 9000.0, 1L, 1L));

        var country = profile.Hourly[new RollupKey(bucket, RollupDimension.Country, De.Packed, TrafficDirection.Outbound)];
        (country.Bytes, country.Flows, country.Peers.Count).Should().Be((10000.0, 1L, 1L));
        profile.Hourly.Should().ContainKey(new RollupKey(bucket, RollupDimension.Port, (6UL << 16) | 443, TrafficDirection.Outbound));
        profile.Fine.Keys.Should().HaveCount(2, "the flow spans two minutes");
        profile.Pairs[(Inside, Outside)].Should().BeEquivalentTo(new { BytesAToB = 1000L, BytesBToA = 9000L, Flows = 1L, BCountry = De });
        profile.Countries[De].FirstInside.Should().Be(Inside);
    }

    [Fact]
    public void An_inbound_flow_is_keyed_with_the_inside_end_first_and_counted_as_received()
    {
        var profile = new TrafficProfile();
        profile.Add(Flow(Outside, Server, 22, Day0, Day0 + 1, 300, 500), new FlowEnds(false, true, De, CountryCode.None));
        var host = profile.HostAt(0, profile.BucketOf(Day0))!;
        (host.BytesOut, host.BytesIn, host.FlowsIn, host.FlowsOut).Should().Be((500.0, 300.0, 1L, 0L));
        var pair = profile.Pairs[(Server, Outside)];
        (pair.BytesAToB, pair.BytesBToA, pair.FlowsFromB).Should().Be((500L, 300L, 1L));
    }

    [Fact]
    public void A_flow_over_several_hours_is_shared_out_by_time_and_its_flow_counted_once()
    {
        var profile = new TrafficProfile();
        // From 00:30 to 02:30: a quarter, a half and a quarter of its bytes.
        profile.Add(Flow(Inside, Outside, 443, Day0 + Hour / 2, Day0 + 5 * Hour / 2, 4000, 0), new FlowEnds(true, false, CountryCode.None, De));
        var b = profile.BucketOf(Day0);
        Enumerable.Range(0, 3).Select(i => profile.HostAt(0, b + i)!.BytesOut).Should().Equal(1000, 2000, 1000);
        Enumerable.Range(0, 3).Select(i => profile.HostAt(0, b + i)!.FlowsOut).Should().Equal(1, 0, 0);
        profile.Flows.Should().Be(1);
        profile.Bytes.Should().Be(4000);
    }

    [Fact]
    public void Internal_flows_count_for_both_hosts_but_not_as_edge_bytes()
    {
        var profile = new TrafficProfile();
        profile.Add(Flow(Inside, Server, 445, Day0, Day0 + 1, 700, 300), new FlowEnds(true, true, CountryCode.None, CountryCode.None));
        var b = profile.BucketOf(Day0);
        profile.InsideHosts.Should().Equal(Inside, Server);
        profile.HostAt(1, b)!.BytesIn.Should().Be(700);
        var site = profile.SiteAt(b)!;
        (site.BytesOut, site.BytesIn, site.FlowsOut).Should().Be((0.0, 0.0, 1L));
        profile.Countries.Should().BeEmpty();
    }

    [Fact]
    public void Tables_are_bounded_and_what_does_not_fit_is_counted()
    {
        var profile = new TrafficProfile(new TrafficProfileOptions { MaxPairs = 100, MaxInsideHosts = 10 });
        for (uint i = 0; i < 1_000; i++)
            profile.Add(Flow(IpAddress.FromIPv4(0x0A000000 + (i % 20)), IpAddress.FromIPv4(0xCB007100 + i), 443, Day0, Day0 + 1, 10, 10),
                new FlowEnds(true, false, CountryCode.None, De));
        profile.Pairs.Should().HaveCount(100);
        profile.InsideHosts.Should().HaveCount(10);
        profile.Overflow.Should().BeGreaterThan(0);
        profile.Flows.Should().Be(1_000);
        profile.SiteAt(profile.BucketOf(Day0))!.FlowsOut.Should().Be(1_000, "the network's counts never lose a flow");
    }
}
