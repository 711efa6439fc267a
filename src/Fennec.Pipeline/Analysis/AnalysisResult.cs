using Fennec.Detection.Baselines;
using Fennec.Detection.Incidents;
using Fennec.Features.Traffic;
using Fennec.Packets.Decoding;

namespace Fennec.Pipeline.Analysis;

/// <summary>What an analysis found: the traffic profile, every candidate, the incidents and what the budget showed.</summary>
public sealed record AnalysisResult
{
    private IReadOnlyList<HostTotals>? _hosts;

    /// <summary>Every host of the profile's pairs with its totals, busiest first (computed once, for the store and the report).</summary>
    public IReadOnlyList<HostTotals> Hosts => _hosts ??= HostTotals.Of(Profile);

    /// <summary>The traffic, bucket by bucket.</summary>
    public required TrafficProfile Profile { get; init; }

    /// <summary>The baselines' candidates and the network's hourly byte band.</summary>
    public required BaselineReport Baselines { get; init; }

    /// <summary>Every detector's candidates.</summary>
    public required IReadOnlyList<Candidate> Candidates { get; init; }

    /// <summary>Incidents in order of first evidence, each marked shown or suppressed.</summary>
    public required IReadOnlyList<Incident> Incidents { get; init; }

    /// <summary>Incidents shown within the budget.</summary>
    public required int Shown { get; init; }

    /// <summary>Incidents stored as suppressed.</summary>
    public required int Suppressed { get; init; }

    /// <summary>Network-wide candidates that joined no incident and were too weak to stand alone (kept as scores).</summary>
    public required int UnattachedSiteClaims { get; init; }

    /// <summary>Packets the analysis covers: those read from captures, or for collected flows the flows' packet counts (scaled by sampling).</summary>
    public long PacketsCovered => Collected is null ? Packets : Profile.Packets;

    /// <summary>Packets read.</summary>
    public required long Packets { get; init; }

    /// <summary>Decode outcomes of the packets read.</summary>
    public required DecodeStatistics Decoding { get; init; }

    /// <summary>Packets Kitsune scored (after its grace periods).</summary>
    public required long KitsuneScored { get; init; }

    /// <summary>Packets Kitsune flagged.</summary>
    public required long KitsuneFlagged { get; init; }

    /// <summary>End of the learning period (Unix nanoseconds).</summary>
    public required long LearnedUntilNs { get; init; }

    /// <summary>For an analysis of collected flows, the rows read and how their directions were paired; null for captures.</summary>
    public CollectedFlowCounts? Collected { get; init; }

    /// <summary>Where the time went.</summary>
    public required AnalysisTimings Timings { get; init; }
}
