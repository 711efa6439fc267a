namespace Fennec.Flows.Collection;

/// <summary>
/// Receives the records a telemetry decoder produces, one call per record, in datagram order. The record is the
/// decoder's own buffer: copy what you keep. Pass a struct implementation so the call is devirtualised.
/// </summary>
public interface ITelemetrySink
{
    /// <summary>One decoded flow record.</summary>
    void OnRecord(in TelemetryRecord record);
}
