namespace Fennec.Flows.Collection;

public sealed partial class TelemetryDecoder
{
    /// <summary>Gives a record without a sampling rate the configured default; counts it when there is none either.</summary>
    private void ApplyDefaultSampling(ref TelemetryRecord record, ExporterCounters counters)
    {
        if (record.SamplingRate == 0)
            record.SamplingRate = _options.DefaultSamplingRate;
        if (record.SamplingRate == 0)
            counters.RecordsWithoutSamplingRate++;
    }
}
