using Fennec.Flows.Assembly;
using Fennec.Flows.Collection;
using Fennec.Flows.Export;
using FluentAssertions;
using Xunit;
using static Fennec.Flows.Tests.Export.TestFlows;

namespace Fennec.Flows.Tests.Collection;

/// <summary>Flows exported by Fennec's own encoders come back from the decoder as they went out.</summary>
public sealed class RoundTripTests
{
    [Theory]
    [InlineData(ExportProtocol.NetFlowV5)]
    [InlineData(ExportProtocol.NetFlowV9)]
    [InlineData(ExportProtocol.Ipfix)]
    public void Every_exported_side_decodes_to_the_same_flow(ExportProtocol protocol)
    {
        var encoder = FlowDatagramEncoder.Create(protocol, new ExportOptions());
        var flows = Mix(600);
        var datagrams = Encode(encoder, flows);
        var (sink, decoder) = RecordingSink.Decode(datagrams);

        var expected = new List<(string Key, ulong Packets, ulong Bytes, long FirstMs, long LastMs)>();
        foreach (var flow in flows.Where(f => encoder.Check(f) == FlowSkipReason.None))
        {
            expected.Add(Side(flow, FlowSide.Forward));
            if (FlowDatagramEncoder.HasSide(flow, FlowSide.Reverse))
                expected.Add(Side(flow, FlowSide.Reverse));
        }

        var decoded = sink.Flows.Select(r =>
            ($"{r.SrcIp} {r.SrcPort} > {r.DstIp} {r.DstPort} {r.IpProtocol}", r.Packets, r.Bytes, r.FirstNs / Ms, r.LastNs / Ms)).ToList();
        decoded.Should().HaveCount(expected.Count);
        var mismatch = Enumerable.Range(0, expected.Count).FirstOrDefault(i => decoded[i] != expected[i], -1);
        mismatch.Should().Be(-1, mismatch < 0 ? "" : $"record {mismatch} decodes as {decoded[mismatch]}, exported as {expected[mismatch]}");
        var counters = decoder.Exporters.Single();
        counters.TotalErrors.Should().Be(0);
        counters.SequenceGaps.Should().Be(0);
        counters.Records.Should().Be(expected.Count);
    }

    private static (string, ulong, ulong, long, long) Side(FlowRecord flow, FlowSide side)
    {
        var reverse = side == FlowSide.Reverse;
        var direction = reverse ? flow.Reverse : flow.Forward;
        var icmp = flow.Protocol is 1 or 58;
        // ICMP has no source port; the destination port carries type * 256 + code (the reply's for the reverse side).
        var srcPort = icmp ? 0 : reverse ? flow.DstPort : flow.SrcPort;
        var dstPort = icmp ? (reverse ? IcmpReply.TypeCodeOf(flow.Protocol, flow.DstPort) : flow.DstPort) : reverse ? flow.SrcPort : flow.DstPort;
        var (src, dst) = reverse ? (flow.DstIp, flow.SrcIp) : (flow.SrcIp, flow.DstIp);
        return ($"{src} {srcPort} > {dst} {dstPort} {flow.Protocol}", (ulong)direction.Packets, (ulong)direction.IpBytes,
            direction.FirstNs / Ms, direction.LastNs / Ms);
    }
}
