using Fennec.Flows.Assembly;
using Fennec.Flows.Tests.Assembly;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Tests.Corpus;

/// <summary>Runs a capture through a flow table, as the peers' comparisons need it.</summary>
internal static class CaptureFlows
{
    /// <summary>Every record of <paramref name="capture"/>, in order of flow start; a damaged capture gives what came before the damage.</summary>
    public static List<FlowRecord> Assemble(string capture, FlowTableOptions options)
    {
        var sink = new RecordingSink();
        var table = new FlowTable(sink, options);
        try
        {
            using var reader = CaptureReader.Open(capture);
            while (reader.TryRead(out var record))
            {
                PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var p);
                table.Add(p);
            }
        }
        catch (CaptureFormatException)
        {
            // The peers read the same capture up to the same damage.
        }

        table.Flush();
        return sink.Records.OrderBy(r => r.FirstNs).ThenBy(r => r.Id).ToList();
    }
}
