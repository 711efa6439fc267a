using Fennec.Flows.Assembly;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;

namespace Fennec.Flows.Tests.Assembly;

/// <summary>Partitioned assembly must give the very records one table gives, in whatever order.</summary>
public class ParallelFlowAssemblerTests
{
    private static string Describe(FlowRecord r) =>
        $"{r.SrcIp}:{r.SrcPort}>{r.DstIp}:{r.DstPort}/{r.Protocol} v{r.Vlan} mac{r.IsMacFlow}{r.SrcMac}{r.DstMac} {r.FirstNs}-{r.LastNs} " +
        $"{r.Forward.Packets}/{r.Forward.Bytes}/{r.Forward.IpBytes} {r.Reverse.Packets}/{r.Reverse.Bytes}/{r.Reverse.IpBytes} " +
        $"{r.State} {r.History} {r.EndReason} #{r.Sequence}";

    private static List<string> Run(IEnumerable<DecodedPacket> packets, int threads, FlowTableOptions options)
    {
        var sink = new RecordingSink();
        using IFlowAssembler assembler = threads == 1 ? new FlowTable(sink, options) : new ParallelFlowAssembler(sink, threads, options);
        foreach (var p in packets)
            assembler.Add(p);
        assembler.Flush();
        assembler.Statistics.RecordsEmitted.Should().Be(sink.Records.Count);
        return sink.Records.Select(Describe).Order(StringComparer.Ordinal).ToList();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_traffic_gives_the_same_records(int threads)
    {
        var random = new Random(threads);
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
        Run(packets, threads, options).Should().Equal(Run(packets, 1, options));

        // Time is judged on the whole input, as in one table.
        using var single = new FlowTable(new RecordingSink(), options);
        using var parallel = new ParallelFlowAssembler(new RecordingSink(), threads, options);
        foreach (var p in packets)
        {
            single.Add(p);
            parallel.Add(p);
        }

        single.Flush();
        parallel.Flush();
        single.Statistics.ClockResets.Should().Be(5);
        parallel.Statistics.ClockResets.Should().Be(single.Statistics.ClockResets);
        parallel.Statistics.TimeWentBack.Should().Be(single.Statistics.TimeWentBack);
        parallel.Statistics.Packets.Should().Be(packets.Count);
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
        }
    }
}
