namespace Fennec.Reporting;

/// <summary>Totals over the whole capture, shown as cards at the top of the report.</summary>
public sealed record ReportSummary
{
    /// <summary>Packets seen (or represented by flow records).</summary>
    public long Packets { get; init; }

    /// <summary>Bytes on the wire.</summary>
    public long Bytes { get; init; }

    /// <summary>Flows assembled or received.</summary>
    public long Flows { get; init; }

    /// <summary>Distinct hosts inside the home networks.</summary>
    public long InsideHosts { get; init; }

    /// <summary>Distinct hosts outside the home networks.</summary>
    public long OutsideHosts { get; init; }

    /// <summary>Distinct countries of outside hosts.</summary>
    public long Countries { get; init; }

    /// <summary>Incidents shown (within the alert budget).</summary>
    public long IncidentsShown { get; init; }

    /// <summary>Incidents suppressed by the alert budget.</summary>
    public long IncidentsSuppressed { get; init; }

    /// <summary>The alert budget as the user set it, for example "10/day"; null or empty when there is none.</summary>
    public string? AlertBudget { get; init; }
}
