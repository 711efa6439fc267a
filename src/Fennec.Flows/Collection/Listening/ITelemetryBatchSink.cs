namespace Fennec.Flows.Collection.Listening;

/// <summary>
/// Receives the flow records of one datagram at a time from a <see cref="UdpCollector"/>. Called from several receive
/// loops at once: implementations must be thread-safe. The span is the loop's buffer, valid only during the call.
/// </summary>
public interface ITelemetryBatchSink
{
    /// <summary>The records decoded from one datagram (possibly none).</summary>
    void OnRecords(ReadOnlySpan<TelemetryRecord> records);
}
