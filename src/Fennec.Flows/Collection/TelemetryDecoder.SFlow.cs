using Fennec.Flows.Collection.SFlow;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Collection;

public sealed partial class TelemetryDecoder
{
    /// <summary>Smallest sample: a format word and a length word.</summary>
    private const int MinSFlowSampleLength = 8;

    /// <summary>
    /// sFlow version 5: one record per flow sample (one sampled packet: <see cref="TelemetryRecord.Packets"/> 1, to be
    /// scaled by the sampling rate); counter samples and unknown formats are counted and skipped by their length. A
    /// malformed sample stops the datagram, keeping the records already handed on.
    /// </summary>
    private int DecodeSFlow<TSink>(ReadOnlySpan<byte> datagram, IpAddress source, long receivedNs, ExporterState exporter, ref TSink sink)
        where TSink : ITelemetrySink
    {
        var counters = exporter.Counters;
        var reader = new XdrReader(datagram);
        if (SFlowDatagramHeader.TryRead(ref reader, out var header) is { } headerError)
        {
            counters.Count(headerError);
            return 0;
        }

        // sFlow sequence numbers count datagrams, per sub-agent.
        var domain = exporter.Domain(header.SubAgentId);
        if (domain is not null)
        {
            domain.CheckSequence(header.Sequence, counters);
            domain.NextSequence = header.Sequence + 1;
            domain.HasSequence = true;
        }

        if (header.SampleCount > (uint)(reader.Remaining / MinSFlowSampleLength))
        {
            counters.Count(DecodeErrorKind.BadSample);
            return 0;
        }

        var empty = new TelemetryRecord
        {
            Protocol = TelemetryProtocol.SFlow,
            // An agent that does not say its address is known by the datagram's source.
            Exporter = header.Agent == IpAddress.None ? source : header.Agent,
            ObservationDomain = header.SubAgentId,
            ExportNs = receivedNs,
            FirstNs = receivedNs,
            LastNs = receivedNs,
            Packets = 1,
            Direction = 255,
        };
        var decoded = 0;
        for (var i = 0u; i < header.SampleCount; i++)
        {
            if (!reader.TryReadUInt32(out var format) || !reader.TryReadOpaque(out var body))
            {
                counters.Count(DecodeErrorKind.BadSample);
                break;
            }

            DecodeErrorKind? error = null;
            switch (format)
            {
                case SFlowFormat.FlowSample or SFlowFormat.ExpandedFlowSample:
                    var record = empty;
                    error = FlowSampleReader.Read(body, format == SFlowFormat.ExpandedFlowSample, receivedNs, ref record, counters);
                    if (error is null)
                    {
                        ApplyDefaultSampling(ref record, counters);
                        sink.OnRecord(record);
                        decoded++;
                    }

                    break;
                case SFlowFormat.CounterSample or SFlowFormat.ExpandedCounterSample:
                    error = CounterSampleReader.Read(body, format == SFlowFormat.ExpandedCounterSample);
                    if (error is null)
                        counters.CounterSamples++;
                    break;
                default:
                    counters.SamplesSkipped++;
                    break;
            }

            if (error is { } kind)
            {
                counters.Count(kind);
                break;
            }
        }

        counters.Records += decoded;
        return decoded;
    }
}
