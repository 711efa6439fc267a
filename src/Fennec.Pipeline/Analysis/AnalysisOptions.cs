using Fennec.Detection.Baselines;
using Fennec.Detection.Incidents;
using Fennec.Detection.Kitsune;
using Fennec.Detection.PortWindows;
using Fennec.Features.PortWindows;
using Fennec.Enrichment.Asn;
using Fennec.Enrichment.Geo;
using Fennec.Enrichment.Home;
using Fennec.Features.Traffic;
using Fennec.Flows.Assembly;

namespace Fennec.Pipeline.Analysis;

/// <summary>Everything one analysis needs besides its input: enrichment data, detector settings and the alert budget.</summary>
public sealed record AnalysisOptions
{
    /// <summary>The home networks; by default the private, loopback, link-local and ULA ranges.</summary>
    public HomeNetworks HomeNetworks { get; init; } = HomeNetworks.Default;

    /// <summary>The GeoIP database for countries, or null to leave countries unknown.</summary>
    public GeoDatabase? Geo { get; init; }

    /// <summary>The ASN ranges, or null to leave autonomous systems unknown.</summary>
    public AsnRangeTable? Asn { get; init; }

    /// <summary>Capture time from the first packet during which every detector only learns.</summary>
    public TimeSpan LearningPeriod { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Kitsune's settings (its grace periods are in packets; the analysis sets them from the packets of the learning
    /// period), or null to run without Kitsune.
    /// </summary>
    public KitsuneOptions? Kitsune { get; init; } = new();

    /// <summary>A trained Kitsune detector to score with instead of learning one, or null.</summary>
    public KitsuneDetector? KitsuneModel { get; init; }

    /// <summary>Width of the windows in which Kitsune's flagged packets are counted per host.</summary>
    public TimeSpan KitsuneWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The port-window autoencoder's settings, or null to run without it.</summary>
    public PortWindowDetectorOptions? PortWindows { get; init; } = new();

    /// <summary>Window width and port count of the port-window autoencoder's input.</summary>
    public PortWindowOptions PortWindowFeatures { get; init; } = new();

    /// <summary>Flow assembly settings.</summary>
    public FlowTableOptions Flows { get; init; } = new();

    /// <summary>Bucket widths and bounds of the traffic profile.</summary>
    public TrafficProfileOptions Profile { get; init; } = new();

    /// <summary>Settings of the traffic baselines.</summary>
    public BaselineDetectorOptions Baselines { get; init; } = new();

    /// <summary>How many incidents are shown per period.</summary>
    public AlertBudget Budget { get; init; } = AlertBudget.Default;

    /// <summary>Largest gap between two related claims that still makes them one incident.</summary>
    public TimeSpan IncidentMergeGap { get; init; } = TimeSpan.FromHours(1);
}
