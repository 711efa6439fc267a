using Fennec.Flows.Assembly;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;

namespace Fennec.Flows.Tests.Assembly;

/// <summary>
/// The stitcher joins the two one-way records that telemetry reports for one connection, keeps the side that began
/// as the initiator, and passes on alone (never drops) whatever finds no partner.
/// </summary>
public class FlowStitcherTests
{
    private const long Second = 1_000_000_000;
    private const long T0 = 1_700_000_000 * Second;

    [Fact]
    public void Opposite_directions_become_one_record_seen_from_the_side_that_began()
    {
        var sink = new RecordingSink();
        var stitcher = new FlowStitcher(sink);
        stitcher.Add(OneWay("10.0.0.1", 50000, "93.184.216.34", 443, T0, T0 + 5 * Second, packets: 10, bytes: 1_000));
        stitcher.Add(OneWay("93.184.216.34", 443, "10.0.0.1", 50000, T0 + Second / 100, T0 + 6 * Second, packets: 8, bytes: 9_000));
        stitcher.Flush();

        var joined = sink.Records.Should().ContainSingle().Subject;
        joined.SrcIp.Should().Be(IpAddress.Parse("10.0.0.1"));
        joined.DstPort.Should().Be(443);
        (joined.Forward.Packets, joined.Forward.Bytes, joined.Reverse.Packets, joined.Reverse.Bytes).Should().Be((10, 1_000, 8, 9_000));
        joined.FirstNs.Should().Be(T0);
        joined.LastNs.Should().Be(T0 + 6 * Second);
        joined.Reverse.FirstNs.Should().Be(T0 + Second / 100);
        (stitcher.Paired, stitcher.Unpaired).Should().Be((1, 0));
    }

    [Fact]
    public void On_a_tie_the_client_sending_to_the_lower_port_is_the_initiator()
    {
        var sink = new RecordingSink();
        var stitcher = new FlowStitcher(sink);
        // NetFlow keeps milliseconds: the reply can carry the same start as the request, and may be exported first.
        stitcher.Add(OneWay("192.0.2.53", 53, "10.0.0.9", 40123, T0, T0, packets: 1, bytes: 120, protocol: 17));
        stitcher.Add(OneWay("10.0.0.9", 40123, "192.0.2.53", 53, T0, T0, packets: 1, bytes: 70, protocol: 17));
        stitcher.Flush();

        var joined = sink.Records.Should().ContainSingle().Subject;
        (joined.SrcIp, joined.SrcPort, joined.DstPort).Should().Be((IpAddress.Parse("10.0.0.9"), (ushort)40123, (ushort)53));
        (joined.Forward.Bytes, joined.Reverse.Bytes).Should().Be((70, 120));
    }

    [Fact]
    public void Icmp_requests_pair_with_replies_whose_type_differs()
    {
        var sink = new RecordingSink();
        var stitcher = new FlowStitcher(sink);
        stitcher.Add(OneWay("10.0.0.1", 0, "8.8.8.8", 8 * 256, T0, T0 + 3 * Second, packets: 4, bytes: 392, protocol: 1));
        stitcher.Add(OneWay("8.8.8.8", 0, "10.0.0.1", 0, T0 + Second / 50, T0 + 3 * Second, packets: 4, bytes: 392, protocol: 1));
        stitcher.Flush();

        var joined = sink.Records.Should().ContainSingle().Subject;
        joined.DstPort.Should().Be(8 * 256, "the request's type and code stay the flow's");
        joined.Reverse.Packets.Should().Be(4);
    }

    [Fact]
    public void A_record_without_a_partner_within_the_hold_is_passed_on_alone()
    {
        var sink = new RecordingSink();
        var stitcher = new FlowStitcher(sink, TimeSpan.FromSeconds(30));
        stitcher.Add(OneWay("10.0.0.1", 1234, "203.0.113.7", 80, T0, T0 + Second, packets: 3, bytes: 180));
        sink.Records.Should().BeEmpty("it waits for the other direction");
        stitcher.Add(OneWay("10.0.0.2", 1234, "203.0.113.7", 80, T0 + 31 * Second, T0 + 32 * Second, packets: 1, bytes: 60));
        sink.Records.Should().ContainSingle("the first waited longer than the hold").Which.SrcIp.Should().Be(IpAddress.Parse("10.0.0.1"));
        // A reply after the hold no longer finds its request.
        stitcher.Add(OneWay("203.0.113.7", 80, "10.0.0.1", 1234, T0 + 40 * Second, T0 + 41 * Second, packets: 2, bytes: 120));
        stitcher.Flush();

        sink.Records.Should().HaveCount(3).And.OnlyContain(r => r.Reverse.Packets == 0);
        (stitcher.Added, stitcher.Paired, stitcher.Unpaired).Should().Be((3, 0, 3));
    }

    [Fact]
    public void A_second_record_of_the_same_direction_sends_the_first_on_and_waits_in_its_place()
    {
        var sink = new RecordingSink();
        var stitcher = new FlowStitcher(sink);
        // An exporter's active timeout cuts a long one-way stream in parts: each part is its own record.
        stitcher.Add(OneWay("10.0.0.1", 5004, "10.0.0.2", 5004, T0, T0 + 60 * Second, packets: 3_000, bytes: 600_000, protocol: 17));
        stitcher.Add(OneWay("10.0.0.1", 5004, "10.0.0.2", 5004, T0 + 60 * Second, T0 + 90 * Second, packets: 1_500, bytes: 300_000, protocol: 17));
        sink.Records.Should().ContainSingle().Which.Forward.Packets.Should().Be(3_000);
        stitcher.Flush();
        sink.Records.Select(r => r.Forward.Packets).Should().Equal(3_000, 1_500);
    }

    [Fact]
    public void Biflows_pass_through_and_the_pending_bound_evicts_the_oldest_counted()
    {
        var sink = new RecordingSink();
        var stitcher = new FlowStitcher(sink, maxPending: 2);
        var biflow = OneWay("10.0.0.1", 1000, "10.0.0.2", 80, T0, T0 + Second, packets: 5, bytes: 500);
        biflow.Reverse = biflow.Forward;
        stitcher.Add(biflow);
        sink.Records.Should().ContainSingle();
        for (ushort port = 1; port <= 3; port++)
            stitcher.Add(OneWay("10.0.0.1", port, "10.0.0.3", 80, T0 + port, T0 + Second, packets: 1, bytes: 60));

        sink.Records.Should().HaveCount(2);
        sink.Records[1].SrcPort.Should().Be(1, "the oldest waiting record goes first");
        (stitcher.Bidirectional, stitcher.Evicted).Should().Be((1, 1));
        stitcher.Flush();
        sink.Records.Should().HaveCount(4);
    }

    [Fact]
    public void Input_out_of_order_is_counted_and_still_passed_on()
    {
        var sink = new RecordingSink();
        var stitcher = new FlowStitcher(sink);
        stitcher.Add(OneWay("10.0.0.1", 1, "10.0.0.2", 2, T0 + Second, T0 + Second, packets: 1, bytes: 60));
        stitcher.Add(OneWay("10.0.0.3", 1, "10.0.0.4", 2, T0, T0, packets: 1, bytes: 60));
        stitcher.Flush();
        stitcher.OutOfOrder.Should().Be(1);
        sink.Records.Should().HaveCount(2);
    }

    /// <summary>
    /// A real capture's flows, each split into the one-way records a NetFlow exporter sends and sorted by first
    /// packet, are put back together: every packet and byte comes out, and (connections rarely reuse a 5-tuple
    /// within a minute) nearly every flow with both directions is rebuilt with exactly its two directions.
    /// </summary>
    [CorpusTheory]
    [InlineData("joy-captures/kali-normal-ssh.pcap")]
    [InlineData("chrissanders-packets/http_espn.pcapng")]
    public void Flows_split_into_one_way_records_are_rebuilt(string capture)
    {
        var original = new RecordingSink();
        using (var reader = CaptureReader.Open(Path.Combine(SharedData.RequireCorpus(), capture)))
        using (var table = new FlowTable(original))
        {
            while (reader.TryRead(out var record))
            {
                PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var packet);
                table.Add(packet);
            }
            table.Flush();
        }

        var ipFlows = original.Records.Where(r => !r.IsMacFlow).ToList();
        var halves = ipFlows.SelectMany(Split).OrderBy(r => r.FirstNs).ToList();
        var rebuilt = new RecordingSink();
        var stitcher = new FlowStitcher(rebuilt);
        foreach (var half in halves)
            stitcher.Add(half);
        stitcher.Flush();

        rebuilt.Records.Sum(r => r.Packets).Should().Be(ipFlows.Sum(r => r.Packets));
        rebuilt.Records.Sum(r => r.Bytes).Should().Be(ipFlows.Sum(r => r.Bytes));
        var expected = ipFlows.Select(Signature).ToList();
        var found = rebuilt.Records.Select(Signature).ToHashSet();
        var twoWay = ipFlows.Count(r => r.Reverse.Packets > 0);
        twoWay.Should().BePositive();
        stitcher.Paired.Should().BeLessThanOrEqualTo(twoWay);
        var matched = expected.Count(found.Contains);
        ((double)matched / expected.Count).Should().BeGreaterThan(0.98, $"{matched} of {expected.Count} flows rebuilt exactly");
    }

    private static (IpAddress, ushort, IpAddress, ushort, byte, long, long, long, long) Signature(FlowRecord r) =>
        (r.SrcIp, r.SrcPort, r.DstIp, r.DstPort, r.Protocol, r.Forward.Packets, r.Forward.Bytes, r.Reverse.Packets, r.Reverse.Bytes);

    /// <summary>The one-way records of a flow as an exporter reports them (ICMP replies keep the request's type here, which the stitcher ignores).</summary>
    private static IEnumerable<FlowRecord> Split(FlowRecord flow)
    {
        var forward = flow;
        forward.Reverse = default;
        forward.FirstNs = flow.Forward.FirstNs;
        forward.LastNs = flow.Forward.LastNs;
        yield return forward;
        if (flow.Reverse.Packets == 0)
            yield break;
        var reverse = flow;
        (reverse.SrcIp, reverse.DstIp, reverse.SrcPort, reverse.DstPort) = (flow.DstIp, flow.SrcIp, flow.DstPort, flow.SrcPort);
        reverse.Forward = flow.Reverse;
        reverse.Reverse = default;
        reverse.FirstNs = flow.Reverse.FirstNs;
        reverse.LastNs = flow.Reverse.LastNs;
        yield return reverse;
    }

    private static FlowRecord OneWay(string src, ushort srcPort, string dst, ushort dstPort, long firstNs, long lastNs,
        long packets, long bytes, byte protocol = 6) => new()
    {
        SrcIp = IpAddress.Parse(src),
        DstIp = IpAddress.Parse(dst),
        SrcPort = srcPort,
        DstPort = dstPort,
        Protocol = protocol,
        IpVersion = 4,
        FirstNs = firstNs,
        LastNs = lastNs,
        Forward = new FlowDirection { Packets = packets, Bytes = bytes, FirstNs = firstNs, LastNs = lastNs },
    };
}
