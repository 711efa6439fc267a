using Fennec.Flows.Assembly;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;

namespace Fennec.Flows.Tests.Corpus;

/// <summary>On every corpus capture, the flow records carry exactly the packets and bytes the decoder saw.</summary>
public class CorpusTotalsTests
{
    private sealed class Totals : IFlowSink
    {
        public long Packets;
        public long Bytes;

        public void OnFlow(in FlowRecord record)
        {
            Packets += record.Packets;
            Bytes += record.Bytes;
        }
    }

    [CorpusFact]
    public void Flow_totals_equal_decode_totals_on_every_capture()
    {
        var corpus = SharedData.RequireCorpus();
        var captures = 0;
        long packets = 0;
        foreach (var path in Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories))
        {
            CaptureReader reader;
            try
            {
                reader = CaptureReader.Open(path);
            }
            catch (CaptureFormatException)
            {
                continue; // not a capture (results, scripts, datasets)
            }

            using (reader)
            {
                captures++;
                var totals = new Totals();
                var table = new FlowTable(totals);
                long decodedPackets = 0, decodedBytes = 0;
                try
                {
                    while (reader.TryRead(out var record))
                    {
                        PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var p);
                        decodedPackets++;
                        decodedBytes += p.WireLength;
                        table.Add(p);
                    }
                }
                catch (CaptureFormatException)
                {
                    // Damaged captures: what was read before the damage must still balance.
                }

                table.Flush();
                totals.Packets.Should().Be(decodedPackets, path);
                totals.Bytes.Should().Be(decodedBytes, path);
                packets += decodedPackets;
            }
        }

        captures.Should().BeGreaterThan(900);
        packets.Should().BeGreaterThan(300_000);
    }
}
