namespace Fennec.Detection.Incidents;

/// <summary>
/// Related candidates merged into one thing to look at: the hosts involved, the time it spans, the severity and the
/// evidence of every detector that saw it, and whether it was shown within the alert budget or suppressed.
/// </summary>
public sealed class Incident
{
    private readonly List<Candidate> _evidence = [];
    private bool _severalPeers;

    internal Incident(long id, Candidate first)
    {
        Id = id;
        Host = first.Host;
        Peer = first.Peer;
        FirstNs = first.StartNs;
        LastNs = first.EndNs;
        _evidence.Add(first);
    }

    /// <summary>Number of the incident within its run, in order of first evidence.</summary>
    public long Id { get; internal set; }

    /// <summary>The main host (the inside host when there is one).</summary>
    public string Host { get; private set; }

    /// <summary>The main peer, when the evidence points at one pair.</summary>
    public string? Peer { get; private set; }

    /// <summary>Start of the earliest evidence (Unix nanoseconds).</summary>
    public long FirstNs { get; private set; }

    /// <summary>End of the latest evidence (Unix nanoseconds).</summary>
    public long LastNs { get; private set; }

    /// <summary>When the first of its claims could be made (Unix nanoseconds): how soon it could have been raised.</summary>
    public long DetectedNs => _evidence.Min(c => c.DetectedNs);

    /// <summary>Every candidate merged in, in the order they were added.</summary>
    public IReadOnlyList<Candidate> Evidence => _evidence;

    /// <summary>The distinct detectors that contributed.</summary>
    public IEnumerable<string> Detectors => _evidence.Select(c => c.Detector).Distinct();

    /// <summary>
    /// How severe: the strongest claim, raised by a quarter for each further detector that agrees (independent
    /// witnesses make an incident more credible than one loud one).
    /// </summary>
    public double Severity
    {
        get
        {
            var strongest = _evidence.Max(c => c.Score);
            var detectors = _evidence.Select(c => c.Detector).Distinct().Count();
            return strongest * (1 + 0.25 * (detectors - 1));
        }
    }

    /// <summary>The kind of the strongest claim (what the incident is mainly about).</summary>
    public string Kind => _evidence.MaxBy(c => c.Score)!.Kind;

    /// <summary>True when the incident is within the alert budget; false when stored as suppressed.</summary>
    public bool Shown { get; internal set; } = true;

    /// <summary>A one-line title: the main host and what was seen.</summary>
    public string Title
    {
        get
        {
            var strongest = _evidence.MaxBy(c => c.Score)!;
            var subject = Host == Candidate.Site ? "the network" : Host;
            return Peer is null ? $"{subject}: {strongest.Kind}" : $"{subject} and {Peer}: {strongest.Kind}";
        }
    }

    /// <summary>
    /// The evidence in words: the strongest claim of each detector, measure and host, strongest first, with how
    /// many buckets or windows repeated it.
    /// </summary>
    public string Explanation =>
        string.Join("; ", _evidence
            .GroupBy(c => (c.Detector, c.Kind, c.Host))
            .Select(g => (Best: g.MaxBy(c => c.Score)!, Count: g.Count()))
            .OrderByDescending(g => g.Best.Score)
            .Select(g => g.Count > 1 ? $"{g.Best.Evidence} (strongest of {g.Count})" : g.Best.Evidence)) + ".";

    internal void Add(Candidate candidate)
    {
        _evidence.Add(candidate);
        FirstNs = Math.Min(FirstNs, candidate.StartNs);
        LastNs = Math.Max(LastNs, candidate.EndNs);
        if (Host == Candidate.Site && !candidate.IsSiteWide)
        {
            Host = candidate.Host;
            Peer = candidate.Peer;
        }
        else if (!_severalPeers && candidate.Peer is not null && candidate.Host == Host && candidate.Peer != Peer)
        {
            // One peer named by every claim that names one makes a pair; a second one makes it about the host.
            _severalPeers = Peer is not null;
            Peer = _severalPeers ? null : candidate.Peer;
        }
    }
}
