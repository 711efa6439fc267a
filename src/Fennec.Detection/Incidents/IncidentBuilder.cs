namespace Fennec.Detection.Incidents;

/// <summary>
/// Merges candidates into incidents: claims about the same host, or about the same pair seen from either end, whose
/// times overlap or lie within <see cref="MergeGapNs"/> of each other become one incident; a network-wide claim joins
/// the most severe host incident it overlaps, or stands alone when it is strong enough on its own
/// (<see cref="StandaloneSiteScore"/>): the network's mix shifts a little all the time, and what no host-level
/// claim explains must be far out to be worth an operator's look.
/// </summary>
public sealed class IncidentBuilder
{
    /// <summary>Creates a builder; <paramref name="mergeGap"/> defaults to one hour.</summary>
    public IncidentBuilder(TimeSpan? mergeGap = null) =>
        MergeGapNs = (long)(mergeGap ?? TimeSpan.FromHours(1)).TotalMicroseconds * 1000;

    /// <summary>Score a network-wide claim needs to become an incident of its own (when it joins no host incident).</summary>
    public double StandaloneSiteScore { get; init; } = 7;

    /// <summary>Network-wide claims of the last build that joined no incident and were too weak to stand alone.</summary>
    public int UnattachedSiteClaims { get; private set; }

    /// <summary>Largest gap between two claims that still makes them one incident.</summary>
    public long MergeGapNs { get; }

    /// <summary>Builds the incidents of <paramref name="candidates"/>, numbered from 1 in order of first evidence.</summary>
    public IReadOnlyList<Incident> Build(IEnumerable<Candidate> candidates)
    {
        var ordered = candidates.OrderBy(c => c.StartNs).ThenBy(c => c.IsSiteWide).ThenByDescending(c => c.Score).ToList();
        var incidents = new List<Incident>();
        var siteWide = new List<Candidate>();
        foreach (var candidate in ordered)
        {
            if (candidate.IsSiteWide)
            {
                siteWide.Add(candidate);
                continue;
            }
            var related = incidents.LastOrDefault(i => Related(i, candidate) && Near(i, candidate));
            if (related is null)
                incidents.Add(new Incident(0, candidate));
            else
                related.Add(candidate);
        }

        UnattachedSiteClaims = 0;
        foreach (var candidate in siteWide.OrderByDescending(c => c.Score))
        {
            var overlapping = incidents
                .Where(i => Near(i, candidate) && i.Host != Candidate.Site)
                .MaxBy(i => i.Severity)
                ?? incidents.LastOrDefault(i => i.Host == Candidate.Site && Near(i, candidate));
            if (overlapping is not null)
                overlapping.Add(candidate);
            else if (candidate.Score >= StandaloneSiteScore)
                incidents.Add(new Incident(0, candidate));
            else
                UnattachedSiteClaims++;
        }

        incidents.Sort((a, b) => a.FirstNs != b.FirstNs ? a.FirstNs.CompareTo(b.FirstNs) : b.Severity.CompareTo(a.Severity));
        for (var i = 0; i < incidents.Count; i++)
            incidents[i].Id = i + 1;
        return incidents;
    }

    private bool Near(Incident incident, Candidate candidate) =>
        candidate.StartNs <= incident.LastNs + MergeGapNs && candidate.EndNs + MergeGapNs >= incident.FirstNs;

    private static bool Related(Incident incident, Candidate candidate)
    {
        if (incident.Host == candidate.Host)
            return true;
        // The same pair seen from the other end (an attacker's packets and its victim's counters).
        return incident.Evidence.Any(e =>
            (e.Peer is not null && e.Peer == candidate.Host) ||
            (candidate.Peer is not null && candidate.Peer == e.Host));
    }
}
