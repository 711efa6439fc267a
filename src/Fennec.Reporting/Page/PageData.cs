namespace Fennec.Reporting.Page;

// What the page script reads (JSON inside the page): the model trimmed to what the charts draw, times in
// milliseconds since the Unix epoch as JavaScript counts them.

/// <summary>The charts' data.</summary>
internal sealed record PageData(
    IReadOnlyList<PageCountry> Countries,
    PageNetwork Network,
    IReadOnlyList<PagePoint> Hourly,
    IReadOnlyList<PageIncident> Incidents,
    IReadOnlyList<PageRanked> TopTalkers,
    IReadOnlyList<PageRanked> TopPorts,
    IReadOnlyList<PageRanked> Protocols);

/// <summary>One country of the map.</summary>
internal sealed record PageCountry(string Code, string Name, long Flows, long Bytes, long Packets, long InsideHosts);

/// <summary>The network graph after capping.</summary>
internal sealed record PageNetwork(IReadOnlyList<PageNode> Nodes, IReadOnlyList<PageEdge> Edges, double MaxSeverity);

/// <summary>One host of the graph.</summary>
internal sealed record PageNode(string Id, bool Inside, string? Country, long Bytes, double Severity, string? Label);

/// <summary>One conversation of the graph.</summary>
internal sealed record PageEdge(string Source, string Target, long Bytes, long Flows);

/// <summary>One hour of traffic with the baseline band.</summary>
internal sealed record PagePoint(long T, long Bytes, long Packets, long Flows, double? Mean, double? Low, double? High);

/// <summary>One incident of the timeline; <see cref="Hour"/> is the start of the hour it began in.</summary>
internal sealed record PageIncident(long Id, long First, long Last, long Hour, double Severity, string Kind, string Host, string? Peer, string Title, bool Shown);

/// <summary>One bar of a top list.</summary>
internal sealed record PageRanked(string Key, string? Label, long Bytes, long Packets, long Flows);
