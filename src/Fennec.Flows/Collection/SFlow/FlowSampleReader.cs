namespace Fennec.Flows.Collection.SFlow;

/// <summary>
/// Reads one flow sample (compact, format 1, or expanded, format 3) into a <see cref="TelemetryRecord"/>: sampling
/// rate, interfaces and forwarding status from the sample, the rest from its flow records.
/// </summary>
internal static class FlowSampleReader
{
    /// <summary>Smallest flow record: a format word and a length word.</summary>
    private const int MinRecordLength = 8;

    /// <summary>Fills <paramref name="record"/> from the sample's body: null when it is whole, else why not.</summary>
    public static DecodeErrorKind? Read(ReadOnlySpan<byte> body, bool expanded, long receivedNs, ref TelemetryRecord record,
        ExporterCounters counters)
    {
        var reader = new XdrReader(body);
        // Sequence number, then the data source: one word, or type and index words when expanded.
        if (!reader.TryReadBytes(expanded ? 12 : 8, out _))
            return DecodeErrorKind.BadSample;
        if (!reader.TryReadUInt32(out var rate) || !reader.TryReadBytes(8, out _)) // sample pool, drops
            return DecodeErrorKind.BadSample;
        uint inFormat, inValue, outFormat, outValue;
        if (expanded)
        {
            if (!reader.TryReadUInt32(out inFormat) || !reader.TryReadUInt32(out inValue)
                || !reader.TryReadUInt32(out outFormat) || !reader.TryReadUInt32(out outValue))
                return DecodeErrorKind.BadSample;
        }
        else
        {
            if (!reader.TryReadUInt32(out var input) || !reader.TryReadUInt32(out var output))
                return DecodeErrorKind.BadSample;
            (inFormat, inValue) = SFlowInterface.Split(input);
            (outFormat, outValue) = SFlowInterface.Split(output);
        }

        if (!reader.TryReadUInt32(out var count) || count > reader.Remaining / MinRecordLength)
            return DecodeErrorKind.BadSample;

        record.SamplingRate = rate;
        record.InputInterface = SFlowInterface.Index(inFormat, inValue);
        record.OutputInterface = SFlowInterface.Index(outFormat, outValue);
        record.ForwardingStatus = SFlowInterface.ForwardingStatus(outFormat, outValue);
        var contents = new SampleContents();
        for (var i = 0u; i < count; i++)
        {
            if (!reader.TryReadUInt32(out var format) || !reader.TryReadOpaque(out var data))
                return DecodeErrorKind.BadSample;
            if (FlowRecordReader.Read(format, data, ref record, ref contents, counters) is { } error)
                return error;
        }

        contents.Complete(ref record, receivedNs);
        return null;
    }
}
