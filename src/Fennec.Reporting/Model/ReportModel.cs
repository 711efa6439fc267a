namespace Fennec.Reporting;

/// <summary>
/// Everything the HTML report shows, already computed: the report does no analysis of its own, it lays this out.
/// Collections default to empty; times are capture time in nanoseconds since the Unix epoch (UTC).
/// </summary>
public sealed record ReportModel
{
    /// <summary>The report's heading (for example the capture's name).</summary>
    public string Title { get; init; } = "Fennec report";

    /// <summary>When the report was written (wall clock), shown in the header and footer.</summary>
    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Capture time of the first packet or flow, in nanoseconds since the Unix epoch.</summary>
    public long CaptureFirstNs { get; init; }

    /// <summary>Capture time of the last packet or flow, in nanoseconds since the Unix epoch.</summary>
    public long CaptureLastNs { get; init; }

    /// <summary>The inputs that were analysed (file names or sources), in the order given.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>Totals for the summary cards.</summary>
    public ReportSummary Summary { get; init; } = new();

    /// <summary>Activity per country over the last 24 hours of capture time (any order; the report sorts).</summary>
    public IReadOnlyList<CountryActivity> Countries { get; init; } = [];

    /// <summary>Inside hosts, their outside peers and who talks to whom.</summary>
    public NetworkMap Network { get; init; } = new();

    /// <summary>Traffic per hour of capture time with the baseline band, in time order.</summary>
    public IReadOnlyList<TrafficPoint> Hourly { get; init; } = [];

    /// <summary>Incidents, shown and suppressed by the alert budget.</summary>
    public IReadOnlyList<ReportIncident> Incidents { get; init; } = [];

    /// <summary>Hosts with the most traffic (the key is the address).</summary>
    public IReadOnlyList<RankedItem> TopTalkers { get; init; } = [];

    /// <summary>Destination ports with the most traffic (the key reads like "tcp/443").</summary>
    public IReadOnlyList<RankedItem> TopPorts { get; init; } = [];

    /// <summary>Traffic per transport protocol (the key reads like "TCP").</summary>
    public IReadOnlyList<RankedItem> Protocols { get; init; } = [];

    /// <summary>
    /// Attributions the data requires (for example the DB-IP city database's CC BY 4.0 notice), shown in the footer.
    /// </summary>
    public IReadOnlyList<string> Attributions { get; init; } = [];
}
