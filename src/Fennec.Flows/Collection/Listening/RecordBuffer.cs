namespace Fennec.Flows.Collection.Listening;

/// <summary>Collects one datagram's records into a reused array, so a receive loop hands them on in one call.</summary>
internal sealed class RecordBuffer : ITelemetrySink
{
    private TelemetryRecord[] _records = new TelemetryRecord[64];

    public int Count { get; private set; }

    public ReadOnlySpan<TelemetryRecord> Records => _records.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void OnRecord(in TelemetryRecord record)
    {
        if (Count == _records.Length)
            Array.Resize(ref _records, _records.Length * 2);
        _records[Count++] = record;
    }
}
