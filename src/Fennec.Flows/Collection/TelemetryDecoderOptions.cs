namespace Fennec.Flows.Collection;

/// <summary>Limits and defaults of a <see cref="TelemetryDecoder"/>. Every table it keeps is bounded by these.</summary>
public sealed record TelemetryDecoderOptions
{
    /// <summary>
    /// The sampling rate for records whose exporter announces none (0: none, and such records are counted in
    /// <see cref="ExporterCounters.RecordsWithoutSamplingRate"/>). Set it when the exporters' rate is known out of band.
    /// </summary>
    public uint DefaultSamplingRate { get; init; }

    /// <summary>Exporters tracked at once; datagrams from more are counted as errors, not decoded.</summary>
    public int MaxExporters { get; init; } = 4096;

    /// <summary>Templates (data and options) held per exporter and observation domain.</summary>
    public int MaxTemplatesPerDomain { get; init; } = 1024;

    /// <summary>Bytes of data sets held per exporter while waiting for their template.</summary>
    public int MaxHeldBytesPerExporter { get; init; } = 1 << 20;

    /// <summary>How long (in export time) a data set waits for its template before it is dropped and counted.</summary>
    public TimeSpan HoldFor { get; init; } = TimeSpan.FromSeconds(60);
}
