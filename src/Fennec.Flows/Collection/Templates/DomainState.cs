namespace Fennec.Flows.Collection.Templates;

/// <summary>
/// What one exporter's observation domain (v9 source id) has announced: its templates, sampling rates and clock,
/// and where its sequence numbers should go next.
/// </summary>
internal sealed class DomainState
{
    /// <summary>Samplers remembered per domain; options announcing more are ignored past this.</summary>
    public const int MaxSamplers = 1024;

    public DomainState(uint id) => Id = id;

    public uint Id { get; }

    public Dictionary<ushort, Template> Templates { get; } = [];

    /// <summary>The rate an options record announced without a sampler id (0: none).</summary>
    public uint SamplingRate { get; set; }

    /// <summary>Rates announced per sampler (or selector) id.</summary>
    public Dictionary<ulong, uint> SamplerRates { get; } = [];

    /// <summary>The exporter's boot time (Unix ms) from systemInitTimeMilliseconds, or -1.</summary>
    public long SystemInitMs { get; set; } = -1;

    /// <summary>False until a message sets the next expected sequence number (and after a break in counting).</summary>
    public bool HasSequence { get; set; }

    public uint NextSequence { get; set; }

    /// <summary>Learns the rate an options record states, per sampler when it names one.</summary>
    public void LearnSampling(in RecordExtras extras)
    {
        var rate = extras.OwnSamplingRate();
        if (rate == 0)
            return;
        if ((extras.Has & RecordExtras.Flags.SamplerId) == 0)
            SamplingRate = rate;
        else if (SamplerRates.Count < MaxSamplers || SamplerRates.ContainsKey(extras.SamplerId))
            SamplerRates[extras.SamplerId] = rate;
    }

    /// <summary>The rate that applies to a flow record: its own, its sampler's, then the domain's (0 when none is known).</summary>
    public uint RateFor(in RecordExtras extras)
    {
        var own = extras.OwnSamplingRate();
        if (own != 0)
            return own;
        if ((extras.Has & RecordExtras.Flags.SamplerId) != 0 && SamplerRates.TryGetValue(extras.SamplerId, out var rate))
            return rate;
        if (SamplingRate != 0)
            return SamplingRate;
        // One sampler announced and records that do not say which: it is the one.
        if (SamplerRates.Count == 1)
        {
            foreach (var only in SamplerRates.Values)
                return only;
        }

        return 0;
    }

    /// <summary>Checks a message's sequence number against the expected one; returns how many went missing (0 when none or unknown).</summary>
    public long CheckSequence(uint sequence, ExporterCounters counters)
    {
        if (!HasSequence || sequence == NextSequence)
            return 0;
        counters.SequenceGaps++;
        var missing = unchecked(sequence - NextSequence);
        // A jump forward of less than half the counter is a loss; anything else is a restart or reordering.
        if (missing < 0x8000_0000u)
        {
            counters.SequenceMissing += missing;
            return missing;
        }

        return 0;
    }
}
