namespace Fennec.Detection.Baselines;

/// <summary>Which model produced a verdict.</summary>
public enum BaselineModel
{
    /// <summary>Still learning: no expectation yet.</summary>
    Warmup,

    /// <summary>EWMA mean and variance (with hour-of-day offsets when daily seasonality is on).</summary>
    Ewma,

    /// <summary>Robust median and MAD of the same hour of the day over previous days.</summary>
    HourOfDay,

    /// <summary>Robust median and MAD of the same hour of the same weekday over previous weeks.</summary>
    HourOfWeek,
}

/// <summary>
/// What a baseline expected of one bucket and how far the observed value was from it.
/// <see cref="Expected"/>, <see cref="Low"/> and <see cref="High"/> are on the original scale (bytes, flows, ...);
/// <see cref="Deviation"/> is in standard deviations on the log scale.
/// </summary>
public readonly record struct BaselineVerdict(
    BaselineModel Model, double Observed, double Expected, double Low, double High, double Deviation, bool IsAlarm)
{
    /// <summary>True once the baseline has learned enough to give an expectation.</summary>
    public bool IsReady => Model != BaselineModel.Warmup;

    /// <summary>Observed over expected (how many times the usual value); infinity when nothing was expected.</summary>
    public double Ratio => Expected > 0 ? Observed / Expected : Observed > 0 ? double.PositiveInfinity : 1;
}
