using System.Buffers.Binary;
using Fennec.Packets.Decoding;
using Fennec.Flows.Collection.Templates;

namespace Fennec.Flows.Collection;

public sealed partial class TelemetryDecoder
{
    private const int V5HeaderLength = 24;
    private const int V5RecordLength = 48;

    /// <summary>NetFlow v5: a 24-byte header and up to 30 fixed 48-byte IPv4 records.</summary>
    private static int DecodeNetFlowV5<TSink>(ReadOnlySpan<byte> datagram, IpAddress source, ExporterState exporter, ref TSink sink)
        where TSink : ITelemetrySink
    {
        var counters = exporter.Counters;
        if (datagram.Length < V5HeaderLength)
        {
            counters.Count(DecodeErrorKind.TruncatedHeader);
            return 0;
        }

        int count = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        var uptime = BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]);
        var seconds = BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]);
        var nanoseconds = BinaryPrimitives.ReadUInt32BigEndian(datagram[12..]);
        var sequence = BinaryPrimitives.ReadUInt32BigEndian(datagram[16..]);
        var domain = (uint)(datagram[20] << 8 | datagram[21]);
        // Two bits of sampling mode, fourteen of interval; an interval of 0 means the exporter does not sample.
        var interval = (uint)(BinaryPrimitives.ReadUInt16BigEndian(datagram[22..]) & 0x3FFF);
        var fits = (datagram.Length - V5HeaderLength) / V5RecordLength;
        if (count > fits)
        {
            counters.Count(DecodeErrorKind.LengthBeyondDatagram);
            count = fits;
        }

        // v5 sequence numbers count flows, per engine.
        var state = exporter.Domain(domain);
        if (state is not null)
        {
            state.CheckSequence(sequence, counters);
            state.NextSequence = sequence + (uint)count;
            state.HasSequence = true;
        }

        var exportNs = seconds * 1_000_000_000L + nanoseconds;
        var record = new TelemetryRecord
        {
            Protocol = TelemetryProtocol.NetFlowV5,
            Exporter = source,
            ObservationDomain = domain,
            ExportNs = exportNs,
            IpVersion = 4,
            Direction = 255,
            SamplingRate = interval == 0 ? 1 : interval,
        };
        for (var i = 0; i < count; i++)
        {
            var r = datagram.Slice(V5HeaderLength + i * V5RecordLength, V5RecordLength);
            record.SrcIp = IpAddress.FromIPv4(r);
            record.DstIp = IpAddress.FromIPv4(r[4..]);
            record.NextHop = IpAddress.FromIPv4(r[8..]);
            record.InputInterface = BinaryPrimitives.ReadUInt16BigEndian(r[12..]);
            record.OutputInterface = BinaryPrimitives.ReadUInt16BigEndian(r[14..]);
            record.Packets = BinaryPrimitives.ReadUInt32BigEndian(r[16..]);
            record.Bytes = BinaryPrimitives.ReadUInt32BigEndian(r[20..]);
            record.FirstNs = RecordCompletion.UptimeToUnixNs(exportNs, uptime, BinaryPrimitives.ReadUInt32BigEndian(r[24..]));
            record.LastNs = RecordCompletion.UptimeToUnixNs(exportNs, uptime, BinaryPrimitives.ReadUInt32BigEndian(r[28..]));
            record.SrcPort = BinaryPrimitives.ReadUInt16BigEndian(r[32..]);
            record.DstPort = BinaryPrimitives.ReadUInt16BigEndian(r[34..]);
            record.TcpFlags = r[37];
            record.IpProtocol = r[38];
            record.Tos = r[39];
            record.SrcAs = BinaryPrimitives.ReadUInt16BigEndian(r[40..]);
            record.DstAs = BinaryPrimitives.ReadUInt16BigEndian(r[42..]);
            record.SrcMask = r[44];
            record.DstMask = r[45];
            // v5 has no ICMP fields: exporters put type * 256 + code in the destination port.
            record.IcmpTypeCode = record.IpProtocol == IpProtocol.Icmp ? record.DstPort : (ushort)0;
            sink.OnRecord(record);
        }

        counters.Records += count;
        return count;
    }
}
