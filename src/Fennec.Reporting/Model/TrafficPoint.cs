namespace Fennec.Reporting;

/// <summary>Traffic in one hour of capture time, with the baseline's expectation for that hour.</summary>
public sealed record TrafficPoint
{
    /// <summary>Start of the hour, in nanoseconds since the Unix epoch.</summary>
    public long BucketNs { get; init; }

    /// <summary>Bytes in the hour.</summary>
    public long Bytes { get; init; }

    /// <summary>Packets in the hour.</summary>
    public long Packets { get; init; }

    /// <summary>Flows that started in the hour.</summary>
    public long Flows { get; init; }

    /// <summary>The baseline's expected bytes for the hour; null before the baseline is ready.</summary>
    public double? BaselineMean { get; init; }

    /// <summary>The lower edge of the normal band in bytes; null before the baseline is ready.</summary>
    public double? BaselineLow { get; init; }

    /// <summary>The upper edge of the normal band in bytes; null before the baseline is ready.</summary>
    public double? BaselineHigh { get; init; }
}
