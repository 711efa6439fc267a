using Fennec.Flows.Collection.Templates;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Collection;

/// <summary>Everything a decoder knows of one exporter: counters, observation domains and data sets held for templates.</summary>
internal sealed class ExporterState
{
    /// <summary>Domains tracked per exporter; an exporter that invents more has the oldest-learned kept.</summary>
    public const int MaxDomains = 256;

    public ExporterState(IpAddress address) => Counters = new ExporterCounters(address);

    public ExporterCounters Counters { get; }

    public Dictionary<uint, DomainState> Domains { get; } = [];

    public List<HeldSet> Held { get; } = [];

    public int HeldBytes { get; set; }

    /// <summary>The domain's state, created on first sight; null when the exporter already has the most domains allowed.</summary>
    public DomainState? Domain(uint id)
    {
        if (Domains.TryGetValue(id, out var domain))
            return domain;
        if (Domains.Count >= MaxDomains)
            return null;
        domain = new DomainState(id);
        Domains.Add(id, domain);
        return domain;
    }

    /// <summary>Drops held sets older than <paramref name="maxAgeNs"/> before <paramref name="nowNs"/>.</summary>
    public void ExpireHeld(long nowNs, long maxAgeNs)
    {
        var removed = 0;
        while (removed < Held.Count && nowNs - Held[removed].Header.ExportNs > maxAgeNs)
            removed++;
        DropOldest(removed);
    }

    /// <summary>Drops the <paramref name="count"/> oldest held sets, counting each.</summary>
    public void DropOldest(int count)
    {
        if (count <= 0)
            return;
        for (var i = 0; i < count; i++)
            HeldBytes -= Held[i].Data.Length;
        Held.RemoveRange(0, count);
        Counters.Count(DecodeErrorKind.TemplateNeverArrived, count);
    }
}
