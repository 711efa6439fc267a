namespace Fennec.Flows.Collection.SFlow;

/// <summary>
/// Checks one counter sample (compact, format 2, or expanded, format 4) for consistency. Interface counters are not
/// flows: the sample is counted, its records are walked by their lengths and not decoded.
/// </summary>
internal static class CounterSampleReader
{
    /// <summary>Null when the sample's header and record lengths hold together, else why not.</summary>
    public static DecodeErrorKind? Read(ReadOnlySpan<byte> body, bool expanded)
    {
        var reader = new XdrReader(body);
        // Sequence number, then the data source: one word, or type and index words when expanded.
        if (!reader.TryReadBytes(expanded ? 12 : 8, out _) || !reader.TryReadUInt32(out var count)
            || count > reader.Remaining / 8)
            return DecodeErrorKind.BadSample;
        for (var i = 0u; i < count; i++)
        {
            if (!reader.TryReadUInt32(out _) || !reader.TryReadOpaque(out _))
                return DecodeErrorKind.BadSample;
        }

        return null;
    }
}
