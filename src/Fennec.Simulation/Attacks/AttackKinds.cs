namespace Fennec.Simulation.Attacks;

/// <summary>Names of the attack kinds as the command line and the label file spell them.</summary>
public static class AttackKinds
{
    private static readonly (AttackKind Kind, string Name)[] Names =
    [
        (AttackKind.PortScan, "portscan"),
        (AttackKind.SynFlood, "synflood"),
        (AttackKind.BruteForce, "bruteforce"),
        (AttackKind.Exfiltration, "exfiltration"),
        (AttackKind.NewCountry, "newcountry"),
        (AttackKind.UdpAmplification, "udpamp"),
    ];

    /// <summary>The kinds injected unless told otherwise (all but <see cref="AttackKind.UdpAmplification"/>).</summary>
    public static IReadOnlyList<AttackKind> Default { get; } =
        [AttackKind.PortScan, AttackKind.SynFlood, AttackKind.BruteForce, AttackKind.Exfiltration, AttackKind.NewCountry];

    /// <summary>Every name a list may hold, including the words "all" and "none".</summary>
    public static IReadOnlyList<string> ValidNames { get; } = [.. Names.Select(n => n.Name), "all", "none"];

    /// <summary>The name of <paramref name="kind"/> ("portscan").</summary>
    public static string Name(AttackKind kind) => Names.First(n => n.Kind == kind).Name;

    /// <summary>
    /// Parses a comma-separated list ("portscan,synflood", "all" for <see cref="Default"/>, "none" for no attack);
    /// repeated names count once. False with a message naming the bad value and the valid ones otherwise.
    /// </summary>
    public static bool TryParseList(string text, out IReadOnlyList<AttackKind> kinds, out string? error)
    {
        var result = new List<AttackKind>();
        kinds = result;
        error = null;
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var name = raw.ToLowerInvariant();
            if (name == "none")
                continue;
            if (name == "all")
            {
                result.AddRange(Default.Where(k => !result.Contains(k)));
                continue;
            }

            var match = Array.FindIndex(Names, n => n.Name == name);
            if (match < 0)
            {
                error = $"unknown attack '{raw}'; valid: {string.Join(", ", ValidNames)}";
                return false;
            }

            if (!result.Contains(Names[match].Kind))
                result.Add(Names[match].Kind);
        }

        return true;
    }
}
