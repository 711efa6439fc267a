using Fennec.Packets.Decoding;

namespace Fennec.Flows.Collection;

/// <summary>
/// What one exporter sent and what became of it. Updated by the one decoder that owns it; other threads may read it (64-bit
/// reads do not tear), seeing figures a moment old.
/// </summary>
public sealed class ExporterCounters
{
    private readonly long[] _errors = new long[Enum.GetValues<DecodeErrorKind>().Length];

    /// <summary>Creates the counters of one exporter.</summary>
    public ExporterCounters(IpAddress exporter) => Exporter = exporter;

    /// <summary>The exporter's address.</summary>
    public IpAddress Exporter { get; }

    /// <summary>Datagrams received.</summary>
    public long Datagrams { get; internal set; }

    /// <summary>Flow records decoded and handed on.</summary>
    public long Records { get; internal set; }

    /// <summary>Options data records decoded (sampling, interface tables); they configure, they are not flows.</summary>
    public long OptionsRecords { get; internal set; }

    /// <summary>sFlow counter samples decoded.</summary>
    public long CounterSamples { get; internal set; }

    /// <summary>sFlow samples of formats not decoded (other enterprises', drop reports), skipped by their length.</summary>
    public long SamplesSkipped { get; internal set; }

    /// <summary>sFlow flow records skipped: formats not decoded, and sampled headers of link types not decoded.</summary>
    public long SampleRecordsSkipped { get; internal set; }

    /// <summary>Templates and options templates learned (a repeat of a known layout is not counted).</summary>
    public long Templates { get; internal set; }

    /// <summary>Template ids redefined with another layout.</summary>
    public long TemplatesRedefined { get; internal set; }

    /// <summary>Templates withdrawn by the exporter (IPFIX).</summary>
    public long TemplatesWithdrawn { get; internal set; }

    /// <summary>Data sets that arrived before their template and were held.</summary>
    public long SetsHeldForTemplate { get; internal set; }

    /// <summary>Held data sets decoded once their template arrived.</summary>
    public long SetsReplayed { get; internal set; }

    /// <summary>Times the sequence number was not the one expected.</summary>
    public long SequenceGaps { get; internal set; }

    /// <summary>Records (v5, IPFIX) or datagrams (v9, sFlow) the sequence numbers say were sent but never arrived.</summary>
    public long SequenceMissing { get; internal set; }

    /// <summary>Fields of enterprise-specific elements skipped (RFC 5103 reverse counters are decoded, not skipped).</summary>
    public long EnterpriseFieldsSkipped { get; internal set; }

    /// <summary>Flow records for which no sampling rate was known: their counters are passed on unscaled.</summary>
    public long RecordsWithoutSamplingRate { get; internal set; }

    /// <summary>Decode errors of one kind.</summary>
    public long Errors(DecodeErrorKind kind) => _errors[(int)kind];

    /// <summary>All decode errors.</summary>
    public long TotalErrors => _errors.Sum();

    internal void Count(DecodeErrorKind kind, long n = 1) => _errors[(int)kind] += n;

    /// <summary>A line for logs and the terminal.</summary>
    public override string ToString() =>
        $"{Exporter}: {Datagrams} datagrams, {Records} records, {OptionsRecords} options records, {Templates} templates, "
        + $"{SequenceGaps} sequence gaps ({SequenceMissing} missing), {TotalErrors} errors, "
        + $"{RecordsWithoutSamplingRate} records without sampling rate";

    /// <summary>A copy of every counter, by name, for reports.</summary>
    public IReadOnlyDictionary<string, long> Snapshot()
    {
        var values = new Dictionary<string, long>
        {
            ["datagrams"] = Datagrams,
            ["records"] = Records,
            ["options_records"] = OptionsRecords,
            ["counter_samples"] = CounterSamples,
            ["samples_skipped"] = SamplesSkipped,
            ["sample_records_skipped"] = SampleRecordsSkipped,
            ["templates"] = Templates,
            ["templates_redefined"] = TemplatesRedefined,
            ["templates_withdrawn"] = TemplatesWithdrawn,
            ["sets_held_for_template"] = SetsHeldForTemplate,
            ["sets_replayed"] = SetsReplayed,
            ["sequence_gaps"] = SequenceGaps,
            ["sequence_missing"] = SequenceMissing,
            ["enterprise_fields_skipped"] = EnterpriseFieldsSkipped,
            ["records_without_sampling_rate"] = RecordsWithoutSamplingRate,
        };
        foreach (var kind in Enum.GetValues<DecodeErrorKind>())
            values["error_" + kind] = Errors(kind);
        return values;
    }
}
