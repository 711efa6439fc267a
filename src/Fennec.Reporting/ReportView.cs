using Fennec.Reporting.Assets;

namespace Fennec.Reporting;

/// <summary>
/// The model cut to what the report draws and sorted as it is shown; both the HTML tables and the charts' data are
/// written from it, so they always agree.
/// </summary>
internal sealed class ReportView
{
    private const long NsPerHour = 3_600_000_000_000;

    private ReportView(ReportModel model)
    {
        Model = model;
        Countries = [.. model.Countries
            .OrderByDescending(c => c.Flows).ThenByDescending(c => c.Bytes).ThenBy(c => c.CountryCode, StringComparer.Ordinal)
            .Take(ReportLimits.Countries)];

        // Large maps: OrderByDescending(...).Take(n) selects the top n without sorting everything.
        Nodes = [.. model.Network.Nodes.OrderByDescending(n => n.Bytes).ThenBy(n => n.Id, StringComparer.Ordinal).Take(ReportLimits.NetworkNodes)];
        var kept = new HashSet<string>(Nodes.Select(n => n.Id), StringComparer.Ordinal);
        var joining = model.Network.Edges.Where(e => e.Source != e.Target && kept.Contains(e.Source) && kept.Contains(e.Target)).ToList();
        Edges = [.. joining.OrderByDescending(e => e.Bytes).ThenBy(e => e.Source, StringComparer.Ordinal).ThenBy(e => e.Target, StringComparer.Ordinal)
            .Take(ReportLimits.NetworkEdges)];
        EdgesBetweenKept = joining.Count;

        var hourly = model.Hourly.OrderBy(p => p.BucketNs).ToList();
        Hourly = hourly.Count > ReportLimits.HourlyPoints ? hourly[^ReportLimits.HourlyPoints..] : hourly;

        Shown = [.. model.Incidents.Where(i => i.Shown).OrderBy(i => i.FirstNs).ThenBy(i => i.Id)];
        Suppressed = [.. model.Incidents.Where(i => !i.Shown).OrderBy(i => i.FirstNs).ThenBy(i => i.Id)];
        Timeline = [.. TopBySeverity(Shown), .. TopBySeverity(Suppressed)];

        TopTalkers = Ranked(model.TopTalkers);
        TopPorts = Ranked(model.TopPorts);
        Protocols = Ranked(model.Protocols);
    }

    /// <summary>The whole model.</summary>
    public ReportModel Model { get; }

    /// <summary>Countries, most flows first.</summary>
    public IReadOnlyList<CountryActivity> Countries { get; }

    /// <summary>The hosts drawn, most bytes first.</summary>
    public IReadOnlyList<NetworkNode> Nodes { get; }

    /// <summary>The conversations drawn (both ends among <see cref="Nodes"/>), most bytes first.</summary>
    public IReadOnlyList<NetworkEdge> Edges { get; }

    /// <summary>Conversations whose two ends were both kept, before the edge cap.</summary>
    public int EdgesBetweenKept { get; }

    /// <summary>Hours in time order (the latest when capped).</summary>
    public IReadOnlyList<TrafficPoint> Hourly { get; }

    /// <summary>Incidents the alert budget let through, in time order.</summary>
    public IReadOnlyList<ReportIncident> Shown { get; }

    /// <summary>Incidents the alert budget held back, in time order.</summary>
    public IReadOnlyList<ReportIncident> Suppressed { get; }

    /// <summary>Incidents on the timeline chart.</summary>
    public IReadOnlyList<ReportIncident> Timeline { get; }

    /// <summary>Top talkers, most bytes first.</summary>
    public IReadOnlyList<RankedItem> TopTalkers { get; }

    /// <summary>Top ports, most bytes first.</summary>
    public IReadOnlyList<RankedItem> TopPorts { get; }

    /// <summary>Protocols, most bytes first.</summary>
    public IReadOnlyList<RankedItem> Protocols { get; }

    /// <summary>Hosts left out of the graph.</summary>
    public int NodesLeftOut => Model.Network.Nodes.Count - Nodes.Count;

    /// <summary>Capture duration in nanoseconds.</summary>
    public long DurationNs => Math.Max(0, Model.CaptureLastNs - Model.CaptureFirstNs);

    /// <summary>Start of the 24-hour window the country figures cover.</summary>
    public long CountryWindowStartNs => Math.Max(Model.CaptureFirstNs, Model.CaptureLastNs - 24 * NsPerHour);

    /// <summary>Cuts and sorts the model.</summary>
    public static ReportView Of(ReportModel model) => new(model);

    /// <summary>The country's English name, or its code when the name is not known.</summary>
    public static string CountryName(string code) => CountryNames.Find(code) ?? code;

    /// <summary>The data the page script draws.</summary>
    public Page.PageData ToPageData()
    {
        var maxSeverity = Nodes.Count == 0 ? 0 : Nodes.Max(n => n.IncidentSeverity);
        return new Page.PageData(
            [.. Countries.Select(c => new Page.PageCountry(c.CountryCode.ToUpperInvariant(), CountryName(c.CountryCode), c.Flows, c.Bytes, c.Packets, c.InsideHosts))],
            new Page.PageNetwork(
                [.. Nodes.Select(n => new Page.PageNode(n.Id, n.Inside, n.Country, n.Bytes, n.IncidentSeverity, n.Label))],
                [.. Edges.Select(e => new Page.PageEdge(e.Source, e.Target, e.Bytes, e.Flows))],
                maxSeverity),
            [.. Hourly.Select(p => new Page.PagePoint(Ms(p.BucketNs), p.Bytes, p.Packets, p.Flows, p.BaselineMean, p.BaselineLow, p.BaselineHigh))],
            [.. Timeline.Select(i => new Page.PageIncident(i.Id, Ms(i.FirstNs), Ms(i.LastNs), Ms(BucketOf(i.FirstNs)), i.Severity, i.Kind, i.Host, i.Peer, i.Title, i.Shown))],
            PageRanked(TopTalkers), PageRanked(TopPorts), PageRanked(Protocols));
    }

    private static long Ms(long ns) => Format.Units.FloorDiv(ns, 1_000_000);

    /// <summary>The start of the hourly point holding the time, so markers sit on the traffic line; the UTC hour when none does.</summary>
    private long BucketOf(long ns)
    {
        int low = 0, high = Hourly.Count - 1, found = -1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            if (Hourly[mid].BucketNs <= ns)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return found >= 0 && ns - Hourly[found].BucketNs < NsPerHour ? Hourly[found].BucketNs : Format.Units.FloorDiv(ns, NsPerHour) * NsPerHour;
    }

    private static List<Page.PageRanked> PageRanked(IReadOnlyList<RankedItem> items) =>
        [.. items.Select(r => new Page.PageRanked(r.Key, r.Label, r.Bytes, r.Packets, r.Flows))];

    private static RankedItem[] Ranked(IReadOnlyList<RankedItem> items) =>
        [.. items.OrderByDescending(r => r.Bytes).ThenBy(r => r.Key, StringComparer.Ordinal).Take(ReportLimits.RankedRows)];

    private static IEnumerable<ReportIncident> TopBySeverity(IReadOnlyList<ReportIncident> incidents) =>
        incidents.Count <= ReportLimits.TimelineIncidents / 2
            ? incidents
            : incidents.OrderByDescending(i => i.Severity).Take(ReportLimits.TimelineIncidents / 2).OrderBy(i => i.FirstNs);
}
