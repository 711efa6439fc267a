using Fennec.Flows.Assembly;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;

namespace Fennec.Flows.Tests.Assembly;

/// <summary>Partitions given the same packets must together give the very records one table gives.</summary>
public class FlowPartitionTests
{
    private static string Describe(FlowRecord r) =>
        $"{r.SrcIp}:{r.SrcPort}>{r.DstIp}:{r.DstPort}/{r.Protocol} v{r.Vlan} mac{r.IsMacFlow}{r.SrcMac}{r.DstMac} {r.FirstNs}-{r.LastNs} " +
        $"{r.Forward.Packets}/{r.Forward.Bytes}/{r.Forward.IpBytes} {r.Reverse.Packets}/{r.Reverse.Bytes}/{r.Reverse.IpBytes} " +
        $"{r.State} {r.History} {r.EndReason} #{r.Sequence}";

    private static List<string> Run(IReadOnlyList<DecodedPacket> packets, int partitions, FlowTableOptions options) =>
        Run(packets, partitions, options, out _);

    private static List<string> Run(IReadOnlyList<DecodedPacket> packets, int partitions, FlowTableOptions options, out FlowTableStatistics statistics)
    {
        var sinks = Enumerable.Range(0, partitions).Select(_ => new RecordingSink()).ToList();
        var assemblers = partitions == 1
            ? [new FlowTable(sinks[0], options)]
            : sinks.Select((sink, i) => (IFlowAssembler)new FlowPartition(sink, i, partitions, options)).ToList();
        foreach (var assembler in assemblers)
        {
            foreach (var p in packets)
                assembler.Add(p);
            assembler.Flush();
            assembler.Dispose();
        }

        statistics = partitions == 1 ? assemblers[0].Statistics : FlowPartition.Combine(assemblers.Select(a => a.Statistics).ToList());
        var records = sinks.SelectMany(s => s.Records).ToList();
        statistics.RecordsEmitted.Should().Be(records.Count);
        if (partitions > 1)
            sinks.Should().OnlyContain(s => s.Records.Count > 0, "the hash shares the flows out");
        return records.Select(Describe).Order(StringComparer.Ordinal).ToList();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_traffic_gives_the_same_records(int partitions)
    {
        var random = new Random(partitions);
        var packets = new List<DecodedPacket>();
        var t = 1_000_000_000_000L;
        for (var i = 0; i < 100_000; i++)
        {
            t += random.Next(0, 20_000_000);
            if (i % 20_000 == 19_999)
                t -= 1_000_000_000_000; // a capture concatenated after a later one
            var src = $"10.0.{random.Next(3)}.{random.Next(1, 40)}";
            var dst = $"10.9.{random.Next(3)}.{random.Next(1, 40)}";
            packets.Add(random.Next(2) == 0
                ? Packet.Tcp(src, (ushort)random.Next(1, 20), dst, 443, random.Next(10) == 0 ? TcpFlags.Syn : TcpFlags.Ack, t, payload: random.Next(100))
                : Packet.Udp(dst, 53, src, (ushort)random.Next(1, 20), t));
        }

        var options = new FlowTableOptions { IdleTimeout = TimeSpan.FromSeconds(30), ActiveTimeout = TimeSpan.FromSeconds(120) };
        var partitioned = Run(packets, partitions, options, out var parts);
        partitioned.Should().Equal(Run(packets, 1, options, out var single));

        // Time is judged on the whole input in every partition, as in one table.
        single.ClockResets.Should().Be(5);
        parts.ClockResets.Should().Be(single.ClockResets);
        parts.TimeWentBack.Should().Be(single.TimeWentBack);
        parts.Packets.Should().Be(packets.Count);
        parts.Bytes.Should().Be(single.Bytes);
        parts.FlowsCreated.Should().Be(single.FlowsCreated);
        parts.ActiveTimeouts.Should().Be(single.ActiveTimeouts);
        parts.Duplicates.Should().Be(single.Duplicates);
    }

    [CorpusFact]
    public void Corpus_captures_give_the_same_records()
    {
        var corpus = SharedData.RequireCorpus();
        foreach (var name in new[] { "chrissanders-packets/synscan.pcapng", "netspot-captures/wifi.pcap", "zeek-btest-conn/Traces/wikipedia.pcap", "joy-captures/firefox58.pcap" })
        {
            var packets = new List<DecodedPacket>();
            using (var reader = CaptureReader.Open(Path.Combine(corpus, name)))
            {
                while (reader.TryRead(out var record))
                {
                    PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var p);
                    packets.Add(p);
                }
            }

            Run(packets, 2, new FlowTableOptions()).Should().Equal(Run(packets, 1, new FlowTableOptions()), name);
            Run(packets, 3, new FlowTableOptions()).Should().Equal(Run(packets, 1, new FlowTableOptions()), name);
        }
    }
}
