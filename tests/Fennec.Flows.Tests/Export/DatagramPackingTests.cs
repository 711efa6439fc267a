using System.Net;
using Fennec.Flows.Assembly;
using Fennec.Flows.Export;
using Fennec.TestSupport;
using static Fennec.Flows.Tests.Export.TestFlows;

namespace Fennec.Flows.Tests.Export;

public class DatagramPackingTests
{
    public static TheoryData<ExportProtocol, int> Cases => new()
    {
        { ExportProtocol.NetFlowV9, 1400 },
        { ExportProtocol.NetFlowV9, 512 },
        { ExportProtocol.NetFlowV9, 9000 },
        { ExportProtocol.Ipfix, 1400 },
        { ExportProtocol.Ipfix, 512 },
        { ExportProtocol.Ipfix, 9000 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fills_datagrams_to_the_MTU_and_loses_nothing(ExportProtocol protocol, int mtu)
    {
        var flows = Mix(600);
        var encoder = FlowDatagramEncoder.Create(protocol, new ExportOptions { Mtu = mtu });

        var datagrams = Encode(encoder, flows);
        var parser = new CollectorParser();
        var parsed = datagrams.Select(d => parser.Parse(d)).ToList();

        datagrams.Should().OnlyContain(d => d.Length <= mtu && d.Length % 4 == 0);
        for (var i = 0; i + 1 < parsed.Count; i++)
        {
            // The first record of the next datagram did not fit in this one, even at the end of an open set.
            var next = parser.Templates[parsed[i + 1].Flows[0].TemplateId].RecordLength;
            (datagrams[i].Length + next).Should().BeGreaterThan(mtu - 4, $"datagram {i} was sent before it was full");
        }

        var expected = flows.SelectMany(Sides).ToList();
        var actual = parsed.SelectMany(d => d.Flows).Select(Key).ToList();
        actual.Should().Equal(expected);
        expected.Should().HaveCount(flows.Count + flows.Count(f => f.Reverse.Packets > 0));
    }

    [Fact]
    public void Encoding_allocates_nothing_in_steady_state()
    {
        var flows = Mix(64).ToArray();
        foreach (var protocol in new[] { ExportProtocol.NetFlowV5, ExportProtocol.NetFlowV9, ExportProtocol.Ipfix })
        {
            var encoder = FlowDatagramEncoder.Create(protocol, new ExportOptions());
            var buffer = new byte[1400];
            EncodeInPlace(encoder, buffer, flows, 50);
            Allocations.Measure(() => EncodeInPlace(encoder, buffer, flows, 200)).Should().Be(0, protocol.ToString());
        }
    }

    [Fact]
    public void Begin_append_and_finish_must_come_in_order()
    {
        var encoder = new IpfixEncoder(new ExportOptions());
        var buffer = new byte[1400];
        var flow = Make("10.0.0.1", "10.0.0.2", 1, 2, 17, 1, 100);

        encoder.Invoking(e => e.TryAppend(buffer, flow, FlowSide.Forward)).Should().Throw<InvalidOperationException>();
        encoder.Invoking(e => e.Finish(buffer, T0)).Should().Throw<InvalidOperationException>();
        encoder.Invoking(e => e.Begin(new byte[100], T0)).Should().Throw<ArgumentException>();
        encoder.Begin(buffer, T0);
        encoder.Invoking(e => e.Begin(buffer, T0)).Should().Throw<InvalidOperationException>();
    }

    private static void EncodeInPlace(FlowDatagramEncoder encoder, byte[] buffer, FlowRecord[] flows, int rounds)
    {
        for (var round = 0; round < rounds; round++)
        {
            foreach (ref readonly var flow in flows.AsSpan())
            {
                if (encoder.Check(flow) != FlowSkipReason.None)
                    continue;
                if (!encoder.IsOpen)
                    encoder.Begin(buffer, flow.LastNs);
                if (encoder.TryAppend(buffer, flow, FlowSide.Forward) == 0)
                {
                    encoder.Finish(buffer, flow.LastNs);
                    encoder.Begin(buffer, flow.LastNs);
                    encoder.TryAppend(buffer, flow, FlowSide.Forward);
                }
            }
        }

        if (encoder.IsOpen)
            encoder.Finish(buffer, T0);
    }

    private static IEnumerable<(IPAddress, IPAddress, ulong, ulong, ulong, ulong)> Sides(FlowRecord f)
    {
        var src = IPAddress.Parse(f.SrcIp.ToString());
        var dst = IPAddress.Parse(f.DstIp.ToString());
        var icmp = f.Protocol is 1 or 58;
        yield return (src, dst, icmp ? 0UL : f.SrcPort, f.DstPort, (ulong)f.Forward.Packets, (ulong)f.Forward.IpBytes);
        if (f.Reverse.Packets > 0)
        {
            // The reverse of an echo request (8 or 128) is an echo reply (0 or 129).
            var reply = f.Protocol == 1 ? 0UL : 129UL << 8;
            yield return (dst, src, icmp ? 0UL : f.DstPort, icmp ? reply : f.SrcPort, (ulong)f.Reverse.Packets, (ulong)f.Reverse.IpBytes);
        }
    }

    private static (IPAddress, IPAddress, ulong, ulong, ulong, ulong) Key(CollectedFlow f)
    {
        var (src, dst) = f.Has(8) ? ((ushort)8, (ushort)12) : ((ushort)27, (ushort)28);
        return (f.Address(src), f.Address(dst), f.Number(7), f.Number(11), f.Number(2), f.Number(1));
    }
}
