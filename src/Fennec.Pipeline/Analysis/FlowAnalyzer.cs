using Fennec.Detection.Baselines;
using Fennec.Detection.Incidents;
using Fennec.Detection.Novelty;
using Fennec.Detection.PortWindows;
using Fennec.Features.PortWindows;
using Fennec.Features.Traffic;
using Fennec.Flows.Assembly;
using Fennec.Packets.Decoding;

namespace Fennec.Pipeline.Analysis;

/// <summary>
/// The flow path of an analysis, whatever the flows come from (assembled from packets, or collected as NetFlow, IPFIX
/// or sFlow): each bidirectional flow is enriched, added to the traffic profile and the port windows, and handed to
/// the flow sink. <see cref="Finish"/> runs the flow detectors (baselines, new countries, the port-window
/// autoencoder), adds any other detector's candidates, builds the incidents and applies the alert budget.
/// </summary>
public sealed class FlowAnalyzer : IFlowSink
{
    private readonly AnalysisOptions _options;
    private readonly IEnrichedFlowSink? _flowSink;
    private readonly PortWindowTable? _portWindows;

    /// <summary>Creates the flow path; <paramref name="flowSink"/> receives every enriched flow.</summary>
    public FlowAnalyzer(AnalysisOptions options, IEnrichedFlowSink? flowSink = null)
    {
        _options = options;
        _flowSink = flowSink;
        Enricher = new FlowEnricher(options.HomeNetworks, options.Geo, options.Asn);
        Profile = new TrafficProfile(options.Profile);
        _portWindows = options.PortWindows is null ? null : new PortWindowTable(options.PortWindowFeatures);
    }

    /// <summary>Marks flow ends inside or outside and looks up countries and AS numbers.</summary>
    public FlowEnricher Enricher { get; }

    /// <summary>The traffic profile built so far.</summary>
    public TrafficProfile Profile { get; }

    /// <inheritdoc />
    public void OnFlow(in FlowRecord record)
    {
        var ends = Enricher.Enrich(record.SrcIp, record.DstIp);
        Profile.Add(record, ends);
        _portWindows?.Add(record);
        _flowSink?.OnFlow(record, ends);
    }

    /// <summary>
    /// Runs the flow detectors, joins their candidates with <paramref name="otherCandidates"/>, drops claims that end
    /// in the learning period (before <paramref name="learnedUntilNs"/>), builds the incidents and applies the budget.
    /// The packet figures of the result are zero; a packet analysis fills them in.
    /// </summary>
    public AnalysisResult Finish(long learnedUntilNs, IEnumerable<Candidate> otherCandidates, AnalysisTimings timings)
    {
        var baselines = new BaselineDetector(_options.Baselines).Run(Profile);
        var candidates = new List<Candidate>(baselines.Candidates);
        candidates.AddRange(new NewCountryDetector(learnedUntilNs).Run(Profile));
        if (_portWindows is not null)
            candidates.AddRange(new PortWindowDetector(_options.PortWindows!).Run(_portWindows, learnedUntilNs).Candidates);
        candidates.AddRange(otherCandidates);
        // Nothing is judged while the detectors are still learning what normal is.
        candidates.RemoveAll(c => c.EndNs < learnedUntilNs);
        var builder = new IncidentBuilder(_options.IncidentMergeGap);
        var incidents = builder.Build(candidates);
        var (shown, suppressed) = _options.Budget.Apply(incidents);

        return new AnalysisResult
        {
            Profile = Profile,
            Baselines = baselines,
            Candidates = candidates,
            Incidents = incidents,
            Shown = shown,
            Suppressed = suppressed,
            UnattachedSiteClaims = builder.UnattachedSiteClaims,
            Packets = 0,
            Decoding = new DecodeStatistics(),
            KitsuneScored = 0,
            KitsuneFlagged = 0,
            LearnedUntilNs = learnedUntilNs,
            Timings = timings,
        };
    }

    /// <summary>The end of the learning period that starts at <paramref name="firstNs"/> (0 when nothing was seen).</summary>
    public long LearnedUntil(long firstNs) =>
        firstNs == long.MaxValue ? 0 : firstNs + (long)_options.LearningPeriod.TotalMicroseconds * 1000;
}
