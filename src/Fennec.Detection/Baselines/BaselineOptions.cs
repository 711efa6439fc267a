namespace Fennec.Detection.Baselines;

/// <summary>
/// Settings of the per-series traffic baselines. Values are compared on a <c>log1p</c> scale: traffic varies by
/// factors, not by amounts, so a spread learned on a quiet hour and one learned on a busy hour mean the same thing.
/// </summary>
public sealed record BaselineOptions
{
    /// <summary>Weight of the newest bucket in the EWMA mean and variance (the Groovescale model's smoothing).</summary>
    public double Alpha { get; init; } = 0.1;

    /// <summary>Weight of the newest value in an hour-of-day offset of the daily-seasonal EWMA.</summary>
    public double SeasonalAlpha { get; init; } = 0.3;

    /// <summary>How many standard deviations above the expected value raise an alarm.</summary>
    public double Sigmas { get; init; } = 3.0;

    /// <summary>Buckets seen before the EWMA may alarm (one day of hourly buckets learns the daily shape too).</summary>
    public int WarmupBuckets { get; init; } = 24;

    /// <summary>Buckets in one day (24 hourly buckets); the period of the hour-of-day offsets.</summary>
    public int BucketsPerDay { get; init; } = 24;

    /// <summary>Learn an hour-of-day offset on top of the EWMA level, so that the morning rise is not an alarm.</summary>
    public bool DailySeasonality { get; init; } = true;

    /// <summary>
    /// Smallest standard deviation on the log scale: a series that has been perfectly flat must still change by
    /// about this factor (e^x) per sigma before it alarms.
    /// </summary>
    public double MinimumLogStd { get; init; } = 0.25;

    /// <summary>Days of the same hour-of-day needed before the robust seasonal baseline takes over from the EWMA.</summary>
    public int SeasonalMinimumDays { get; init; } = 3;

    /// <summary>Days kept per seasonal slot (older ones are forgotten).</summary>
    public int SeasonalWindowDays { get; init; } = 14;

    /// <summary>Weeks of the same hour-of-week needed before day-of-week slots replace hour-of-day slots.</summary>
    public int WeeklyMinimumWeeks { get; init; } = 2;

    /// <summary>Checks the values and throws <see cref="ArgumentException"/> naming the first one out of range.</summary>
    public void Validate()
    {
        if (Alpha is <= 0 or >= 1)
            throw new ArgumentException($"Alpha must be in (0, 1), not {Alpha}.");
        if (SeasonalAlpha is <= 0 or > 1)
            throw new ArgumentException($"SeasonalAlpha must be in (0, 1], not {SeasonalAlpha}.");
        if (Sigmas <= 0)
            throw new ArgumentException($"Sigmas must be positive, not {Sigmas}.");
        if (WarmupBuckets < 2)
            throw new ArgumentException($"WarmupBuckets must be at least 2, not {WarmupBuckets}.");
        if (BucketsPerDay < 1)
            throw new ArgumentException($"BucketsPerDay must be at least 1, not {BucketsPerDay}.");
        if (DailySeasonality && WarmupBuckets < BucketsPerDay)
            throw new ArgumentException("With daily seasonality the warm-up must cover a whole day of buckets.");
        if (MinimumLogStd <= 0)
            throw new ArgumentException($"MinimumLogStd must be positive, not {MinimumLogStd}.");
        if (SeasonalMinimumDays < 2 || SeasonalWindowDays < SeasonalMinimumDays)
            throw new ArgumentException("SeasonalMinimumDays must be at least 2 and at most SeasonalWindowDays.");
        if (WeeklyMinimumWeeks < 1)
            throw new ArgumentException($"WeeklyMinimumWeeks must be at least 1, not {WeeklyMinimumWeeks}.");
    }
}
