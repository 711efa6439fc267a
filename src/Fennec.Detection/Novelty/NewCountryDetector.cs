using Fennec.Detection.Incidents;
using Fennec.Features.Traffic;

namespace Fennec.Detection.Novelty;

/// <summary>
/// Flags countries first seen after the learning period: an inside host talking with a country the network never
/// talked with before is worth a look even when the volume is small. The score grows with the traffic exchanged
/// (about 4 standard deviations' worth for a handful of packets, up to 7 for large transfers), so that a large new
/// flow ranks above a stray packet.
/// </summary>
public sealed class NewCountryDetector(long learnedUntilNs)
{
    /// <summary>The detector's name in candidates and incidents.</summary>
    public const string Name = "new-country";

    /// <summary>End of the learning period (Unix nanoseconds): countries seen before it are known.</summary>
    public long LearnedUntilNs { get; } = learnedUntilNs;

    /// <summary>One candidate per country whose first flow started after the learning period.</summary>
    public IReadOnlyList<Candidate> Run(TrafficProfile profile)
    {
        var candidates = new List<Candidate>();
        foreach (var (country, traffic) in profile.Countries)
        {
            if (traffic.FirstNs < LearnedUntilNs)
                continue;
            var score = 4 + Math.Clamp(Math.Log10(Math.Max(1, traffic.Bytes) / 1e4), 0, 3);
            var evidence = $"{traffic.FirstInside} exchanged traffic with {traffic.FirstOutside} in {country}, a country not seen " +
                           $"before {Quantities.Time(traffic.FirstNs)} ({Quantities.Count(traffic.Flows)} flows and " +
                           $"{Quantities.Bytes(traffic.Bytes)} with {country} in all, {Quantities.Count(traffic.InsideHosts.Count)} inside hosts)";
            candidates.Add(new Candidate(Name, "new-country", traffic.FirstInside.ToString(), traffic.FirstOutside.ToString(),
                traffic.FirstNs, traffic.FirstNs, score, evidence) { DetectedNs = traffic.FirstNs });
        }
        return candidates;
    }
}
