using Fennec.Detection.Incidents;

namespace Fennec.Cli.Analyze;

/// <summary>What the command line asked <c>fennec analyze</c> for.</summary>
internal sealed record AnalyzeSettings
{
    public required IReadOnlyList<string> Inputs { get; init; }

    public string DbPath { get; init; } = "fennec.db";

    public string ReportPath { get; init; } = "report.html";

    public string? SummaryPath { get; init; }

    public IReadOnlyList<string> HomeNets { get; init; } = [];

    /// <summary>GeoIP database named by the user (must exist), or null for the default data when present.</summary>
    public string? GeoIpPath { get; init; }

    /// <summary>ASN files named by the user (must exist), or null for the default data when present.</summary>
    public IReadOnlyList<string>? AsnPaths { get; init; }

    public AlertBudget Budget { get; init; } = AlertBudget.Default;

    public string? ModelPath { get; init; }

    public string? SaveModelPath { get; init; }

    /// <summary>The learning period, or null for 24 hours (the first half of captures shorter than two days).</summary>
    public TimeSpan? LearningPeriod { get; init; }

    public bool Kitsune { get; init; } = true;

    /// <summary>For a store of collected flows, the runs to analyse; empty for every collect run that stored flows.</summary>
    public IReadOnlyList<long> Runs { get; init; } = [];
}
