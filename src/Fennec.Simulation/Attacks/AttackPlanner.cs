namespace Fennec.Simulation.Attacks;

/// <summary>An attack placed in time, before its packets exist.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="StartNs">When its first packet is due, nanoseconds since the Unix epoch.</param>
/// <param name="Index">Its number in the label file (from 0).</param>
internal readonly record struct PlannedAttack(AttackKind Kind, long StartNs, int Index);

/// <summary>
/// Places the attacks: none in the first 24 hours (or the first half of a shorter capture), so that a baseline can
/// be learned; each in its own hour at least three hours from the others, spread over the days, alternately in
/// office hours and at night; the order of kinds and the minutes are drawn from the seed.
/// </summary>
internal static class AttackPlanner
{
    /// <summary>The shortest capture that can hold attacks: a clean stretch, then room for the longest one.</summary>
    public const int MinHours = 4;

    private const long HourNs = 3_600_000_000_000;
    private const ulong PlanStream = 0x504C_414E; // "PLAN"

    public static IReadOnlyList<PlannedAttack> Plan(SimulationOptions options)
    {
        var random = SimulationRandom.For(options.Seed, PlanStream);
        var kinds = options.Attacks.ToArray();
        random.Shuffle(kinds.AsSpan());
        var startNs = (options.Start.UtcDateTime - DateTime.UnixEpoch).Ticks * 100;
        var clean = options.Hours >= 26 ? 24 : options.Hours / 2;
        var last = options.Hours - 2; // the longest attack lasts about an hour and starts before minute 50
        var candidates = Enumerable.Range(clean, Math.Max(1, last - clean + 1)).ToList();
        var chosen = new List<int>();
        var planned = new PlannedAttack[kinds.Length];
        for (var i = 0; i < kinds.Length; i++)
        {
            var night = i % 2 == 1;
            var hour = Choose(ref random, candidates, chosen, startNs, night, spacing: 3)
                       ?? Choose(ref random, candidates, chosen, startNs, null, spacing: 3)
                       ?? Choose(ref random, candidates, chosen, startNs, null, spacing: 1)
                       ?? candidates[random.Next(candidates.Count)];
            chosen.Add(hour);
            var offset = (long)(random.Uniform(0, 50 * 60) * 1e9);
            planned[i] = new PlannedAttack(kinds[i], startNs + (hour * HourNs) + offset, 0);
        }

        // Labels are numbered in time order.
        return [.. planned.OrderBy(p => p.StartNs).Select((p, index) => p with { Index = index })];
    }

    /// <summary>A free hour at least <paramref name="spacing"/> hours from the chosen ones, on the least-used day.</summary>
    private static int? Choose(ref SimulationRandom random, List<int> candidates, List<int> chosen, long startNs, bool? night, int spacing)
    {
        var free = candidates.Where(h => chosen.All(c => Math.Abs(c - h) >= spacing) && (night is null || Period(startNs, h) == (night.Value ? 0 : 1))).ToList();
        if (free.Count == 0)
            return null;
        var perDay = free.Select(h => chosen.Count(c => c / 24 == h / 24)).ToList();
        var fewest = perDay.Min();
        var best = free.Where((_, i) => perDay[i] == fewest).ToList();
        return best[random.Next(best.Count)];
    }

    /// <summary>0 at night (22:00 to 06:00), 1 in office hours (08:00 to 18:00), 2 otherwise.</summary>
    private static int Period(long startNs, int hour)
    {
        var utc = DateTime.UnixEpoch.AddTicks((startNs + (hour * HourNs)) / 100);
        return utc.Hour switch
        {
            < 6 or >= 22 => 0,
            >= 8 and < 18 => 1,
            _ => 2,
        };
    }
}
