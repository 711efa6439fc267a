using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace Fennec.Cli.Tests.Analyze;

/// <summary>
/// The acceptance check shared by the analyses of a simulated site: every attack of the label file is among the
/// incidents shown in the summary, and at most two shown incidents a day explain nothing. The detection delay of
/// each attack is written to the test output.
/// </summary>
internal static class SimulatedAttacks
{
    private const long Hour = 3_600_000_000_000L;

    /// <summary>The attacks that <c>fennec simulate --hours 72 --seed 1</c> injects.</summary>
    public static readonly string[] SeedOneAttacks = ["portscan", "synflood", "bruteforce", "exfiltration", "newcountry"];

    public static void ExpectEveryAttackShown(string labelsPath, string summaryPath, ITestOutputHelper output)
    {
        var labels = Labels(labelsPath);
        labels.Select(l => l.Attack).Should().BeEquivalentTo(SeedOneAttacks);
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
        var shown = summary.RootElement.GetProperty("incidents").EnumerateArray()
            .Where(i => i.GetProperty("shown").GetBoolean())
            .Select(i => new Shown(i.GetProperty("id").GetInt64(), i.GetProperty("first_ns").GetInt64(), i.GetProperty("last_ns").GetInt64(),
                i.GetProperty("detected_ns").GetInt64(), i.GetProperty("host").GetString()!, i.GetProperty("peer").GetString(),
                i.GetProperty("title").GetString()!))
            .ToList();

        var explained = new HashSet<long>();
        foreach (var label in labels)
        {
            var match = shown.FirstOrDefault(i => label.Matches(i));
            match.Should().NotBeNull($"the {label.Attack} of {label.StartNs} must be shown; shown: {string.Join(" | ", shown.Select(s => s.Title))}");
            explained.Add(match!.Id);
            var delay = TimeSpan.FromTicks((match.DetectedNs - label.StartNs) / 100);
            output.WriteLine($"{label.Attack,-13} incident #{match.Id}: detected {delay.TotalMinutes:0.0} min after it began ({match.Title})");
        }

        var falseByDay = shown.Where(i => !explained.Contains(i.Id)).GroupBy(i => i.FirstNs / (24 * Hour)).ToList();
        foreach (var day in falseByDay)
            day.Count().Should().BeLessThanOrEqualTo(2, $"false incidents on one day: {string.Join(" | ", day.Select(i => i.Title))}");
    }

    private sealed record Shown(long Id, long FirstNs, long LastNs, long DetectedNs, string Host, string? Peer, string Title);

    private sealed record Label(string Attack, long StartNs, long EndNs, IReadOnlySet<string> Addresses)
    {
        /// <summary>An incident about one of the attack's addresses overlapping its time (an hour's slack: baselines judge hours).</summary>
        public bool Matches(Shown incident) =>
            (Addresses.Contains(incident.Host) || (incident.Peer is not null && Addresses.Contains(incident.Peer))) &&
            incident.FirstNs <= EndNs + Hour && incident.LastNs >= StartNs - Hour;
    }

    private static List<Label> Labels(string path) =>
        [.. File.ReadLines(path).Skip(1).Select(line =>
        {
            // attack,start,end,start_ns,end_ns,attacker,victim,victim_port,packets,description (the description may be quoted)
            var f = line.Split(',');
            var addresses = f[5].Split(';').Concat(f[6].Split(';')).Where(a => a.Length > 0).ToHashSet();
            return new Label(f[0], long.Parse(f[3], CultureInfo.InvariantCulture), long.Parse(f[4], CultureInfo.InvariantCulture), addresses);
        })];
}
