using System.Globalization;
using Fennec.Features.Traffic;

namespace Fennec.Detection.Incidents;

/// <summary>
/// How many incidents an operator is shown per period (hour or day of capture time, UTC). Within each period the
/// most severe are shown; the rest are kept as suppressed, counted and stored, never dropped.
/// </summary>
/// <param name="Count">Incidents shown per period.</param>
/// <param name="Period">The period: one hour or one day.</param>
public sealed record AlertBudget(int Count, TimeSpan Period)
{
    /// <summary>The default budget: ten incidents per day.</summary>
    public static AlertBudget Default { get; } = new(10, TimeSpan.FromDays(1));

    /// <summary>Parses <c>N/day</c>, <c>N/hour</c> (or <c>N/d</c>, <c>N/h</c>, a bare N meaning per day).</summary>
    /// <exception cref="FormatException">The text is not a budget; the message says what is expected.</exception>
    public static AlertBudget Parse(string text)
    {
        var parts = text.Trim().Split('/', 2);
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 0)
            throw new FormatException($"alert budget '{text}': expected N/day or N/hour with N a whole number >= 0.");
        var period = parts.Length == 1 ? "day" : parts[1].Trim().ToLowerInvariant();
        return period switch
        {
            "day" or "d" => new AlertBudget(count, TimeSpan.FromDays(1)),
            "hour" or "h" => new AlertBudget(count, TimeSpan.FromHours(1)),
            _ => throw new FormatException($"alert budget '{text}': the period must be 'day' or 'hour', not '{parts[1]}'."),
        };
    }

    /// <summary>
    /// Marks each incident shown or suppressed: per period (by the incident's first evidence), the
    /// <see cref="Count"/> most severe are shown. Returns how many were shown and suppressed.
    /// </summary>
    public (int Shown, int Suppressed) Apply(IEnumerable<Incident> incidents)
    {
        var periodNs = (long)Period.TotalMicroseconds * 1000;
        int shown = 0, suppressed = 0;
        foreach (var period in incidents.GroupBy(i => TimeBuckets.Of(i.FirstNs, periodNs)))
        {
            var rank = 0;
            foreach (var incident in period.OrderByDescending(i => i.Severity).ThenBy(i => i.FirstNs))
            {
                incident.Shown = rank++ < Count;
                if (incident.Shown)
                    shown++;
                else
                    suppressed++;
            }
        }
        return (shown, suppressed);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Count}/{(Period == TimeSpan.FromHours(1) ? "hour" : "day")}";
}
