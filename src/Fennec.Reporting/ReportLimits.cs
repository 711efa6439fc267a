namespace Fennec.Reporting;

/// <summary>
/// How much of each part of the model the report draws. Inputs can be far larger (a network map of 100,000 hosts);
/// the report keeps the largest items, says how many it left out, and stays a few megabytes that open quickly.
/// </summary>
public static class ReportLimits
{
    /// <summary>Hosts drawn in the network graph (the most bytes first).</summary>
    public const int NetworkNodes = 150;

    /// <summary>Conversations drawn between those hosts (the most bytes first).</summary>
    public const int NetworkEdges = 600;

    /// <summary>Countries in the map and table.</summary>
    public const int Countries = 300;

    /// <summary>Hours in the traffic chart (the latest ones).</summary>
    public const int HourlyPoints = 24 * 120;

    /// <summary>Incidents in the timeline chart (the most severe of each kind, shown and suppressed).</summary>
    public const int TimelineIncidents = 2000;

    /// <summary>Rows in each incident table (shown, suppressed).</summary>
    public const int IncidentRows = 500;

    /// <summary>Rows in each top list (talkers, ports, protocols).</summary>
    public const int RankedRows = 25;
}
