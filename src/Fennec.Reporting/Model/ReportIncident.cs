namespace Fennec.Reporting;

/// <summary>One incident: what was not normal, when, about whom, and why the detectors think so.</summary>
public sealed record ReportIncident
{
    /// <summary>The incident's identifier in the store.</summary>
    public long Id { get; init; }

    /// <summary>Capture time of the first evidence, in nanoseconds since the Unix epoch.</summary>
    public long FirstNs { get; init; }

    /// <summary>Capture time of the last evidence, in nanoseconds since the Unix epoch.</summary>
    public long LastNs { get; init; }

    /// <summary>How severe it is; higher is worse (the scale is the detectors', the report only compares).</summary>
    public double Severity { get; init; }

    /// <summary>What kind of incident it is (for example "scan", "volume").</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>The host the incident is about.</summary>
    public string Host { get; init; } = string.Empty;

    /// <summary>The other party, when there is one.</summary>
    public string? Peer { get; init; }

    /// <summary>A one-line title.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>Why it was raised, as a sentence.</summary>
    public string Explanation { get; init; } = string.Empty;

    /// <summary>The detectors that raised it.</summary>
    public IReadOnlyList<string> Detectors { get; init; } = [];

    /// <summary>True when the alert budget let it through; false when it was suppressed.</summary>
    public bool Shown { get; init; }
}
