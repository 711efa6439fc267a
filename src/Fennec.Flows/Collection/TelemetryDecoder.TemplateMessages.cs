using System.Buffers.Binary;
using Fennec.Flows.Collection.Templates;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Collection;

public sealed partial class TelemetryDecoder
{
    private const int V9HeaderLength = 20;
    private const int IpfixHeaderLength = 16;

    /// <summary>NetFlow v9 (RFC 3954): a 20-byte header, then flowsets (0 templates, 1 options templates, 256+ data).</summary>
    private int DecodeNetFlowV9<TSink>(ReadOnlySpan<byte> datagram, IpAddress source, ExporterState exporter, ref TSink sink)
        where TSink : ITelemetrySink
    {
        if (datagram.Length < V9HeaderLength)
        {
            exporter.Counters.Count(DecodeErrorKind.TruncatedHeader);
            return 0;
        }

        var uptime = BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]);
        var seconds = BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]);
        var sequence = BinaryPrimitives.ReadUInt32BigEndian(datagram[12..]);
        var sourceId = BinaryPrimitives.ReadUInt32BigEndian(datagram[16..]);
        var domain = exporter.Domain(sourceId);
        if (domain is null)
        {
            exporter.Counters.Count(DecodeErrorKind.ExporterLimit);
            return 0;
        }

        // v9 sequence numbers count export packets, per source id.
        domain.CheckSequence(sequence, exporter.Counters);
        domain.NextSequence = sequence + 1;
        domain.HasSequence = true;
        var header = new MessageHeader(TelemetryProtocol.NetFlowV9, seconds * 1_000_000_000L, uptime);
        return DecodeSets(datagram[V9HeaderLength..], source, exporter, domain, header, ref sink).Flows;
    }

    /// <summary>IPFIX (RFC 7011): a 16-byte message header, then sets (2 templates, 3 options templates, 256+ data).</summary>
    private int DecodeIpfix<TSink>(ReadOnlySpan<byte> datagram, IpAddress source, ExporterState exporter, ref TSink sink)
        where TSink : ITelemetrySink
    {
        var flows = 0;
        // A datagram holds one message; a stream or file may hold several back to back.
        while (datagram.Length > 0)
        {
            if (datagram.Length < IpfixHeaderLength)
            {
                exporter.Counters.Count(DecodeErrorKind.TruncatedHeader);
                break;
            }

            if (BinaryPrimitives.ReadUInt16BigEndian(datagram) != 10)
            {
                exporter.Counters.Count(DecodeErrorKind.UnknownVersion);
                break;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
            if (length < IpfixHeaderLength)
            {
                exporter.Counters.Count(DecodeErrorKind.TruncatedHeader);
                break;
            }

            if (length > datagram.Length)
            {
                exporter.Counters.Count(DecodeErrorKind.LengthBeyondDatagram);
                length = datagram.Length;
            }

            var seconds = BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]);
            var sequence = BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]);
            var domainId = BinaryPrimitives.ReadUInt32BigEndian(datagram[12..]);
            var domain = exporter.Domain(domainId);
            if (domain is null)
            {
                exporter.Counters.Count(DecodeErrorKind.ExporterLimit);
                break;
            }

            // IPFIX sequence numbers count data records sent before this message, per observation domain.
            domain.CheckSequence(sequence, exporter.Counters);
            var header = new MessageHeader(TelemetryProtocol.Ipfix, seconds * 1_000_000_000L, 0);
            domain.HasSequence = true;
            var (messageFlows, records) = DecodeSets(datagram[IpfixHeaderLength..length], source, exporter, domain, header, ref sink);
            // Holding a set clears HasSequence (its records are not counted yet): counting restarts with the next message.
            domain.NextSequence = sequence + (uint)records;
            flows += messageFlows;
            datagram = datagram[length..];
        }

        return flows;
    }

    /// <summary>Walks the sets of one message body; returns the flows handed on and the data records read.</summary>
    private (int Flows, int Records) DecodeSets<TSink>(ReadOnlySpan<byte> body, IpAddress source, ExporterState exporter,
        DomainState domain, in MessageHeader header, ref TSink sink)
        where TSink : ITelemetrySink
    {
        var counters = exporter.Counters;
        var ipfix = header.Protocol == TelemetryProtocol.Ipfix;
        var flows = 0;
        var records = 0;
        while (body.Length >= 4)
        {
            var setId = BinaryPrimitives.ReadUInt16BigEndian(body);
            int length = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
            if (length < 4 || length > body.Length)
            {
                // Some exporters pad the datagram with zeros past the last set.
                if (!body.ContainsAnyExcept((byte)0))
                    break;
                counters.Count(DecodeErrorKind.BadSetLength);
                break;
            }

            var set = body[4..length];
            body = body[length..];
            if (setId >= TemplateSets.FirstDataSetId)
            {
                if (domain.Templates.TryGetValue(setId, out var template))
                {
                    var (f, r) = DecodeDataSet(set, template, source, exporter, domain, header, ref sink);
                    flows += f;
                    records += r;
                }
                else
                {
                    Hold(set, setId, exporter, domain, header);
                }

                continue;
            }

            switch (setId)
            {
                case 0 when !ipfix:
                case 1 when !ipfix:
                    TemplateSets.ReadV9(set, options: setId == 1, _templates, counters);
                    break;
                case 2 when ipfix:
                case 3 when ipfix:
                    TemplateSets.ReadIpfix(set, options: setId == 3, _templates, _withdrawn, counters);
                    Withdraw(exporter, domain, setId);
                    break;
                default:
                    // Reserved set ids: skipped whole (their length is still trustworthy).
                    continue;
            }

            flows += LearnTemplates(source, exporter, domain, ref sink);
        }

        return (flows, records);
    }
}
