namespace Fennec.Simulation.Traffic;

/// <summary>How busy the site is at a given hour: quiet nights, busy office hours with a lunch dip, light weekends.</summary>
public static class Diurnal
{
    private static readonly double[] Weekday =
    [
        0.03, 0.02, 0.02, 0.02, 0.02, 0.04, 0.10, 0.30, 0.70, 0.95, 1.00, 0.95,
        0.65, 0.85, 1.00, 0.95, 0.85, 0.60, 0.35, 0.22, 0.16, 0.11, 0.07, 0.04,
    ];

    /// <summary>The share of a full office hour's user activity at <paramref name="utc"/> (0 to 1).</summary>
    public static double Activity(DateTime utc)
    {
        var weekday = Weekday[utc.Hour];
        return utc.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.02 + (0.15 * weekday) : weekday;
    }
}
