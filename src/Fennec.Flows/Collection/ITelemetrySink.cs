namespace Fennec.Flows.Collection;

/// <summary>
/// Receives the records a telemetry decoder produces, one call per record, in datagram order. The record is the
/// decoder's own buffer: copy what you keep. Pass a struct implementation so the call is devirtualised.
/// </summary>
public interface ITelemetrySink
{
    /// <summary>One decoded flow record.</summary>
    void OnRecord(in TelemetryRecord record);

    /// <summary>
    /// One options data record (v9 and IPFIX), after the decoder learned what it configures (sampling rates, the
    /// exporter's boot time). Only its header fields and <see cref="TelemetryRecord.TemplateId"/> are meaningful.
    /// Most sinks ignore these; the default does nothing.
    /// </summary>
    void OnOptionsRecord(in TelemetryRecord record)
    {
    }
}
