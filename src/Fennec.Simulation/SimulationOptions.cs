using Fennec.Simulation.Attacks;

namespace Fennec.Simulation;

/// <summary>What <see cref="TrafficSimulator"/> generates. Everything random derives from <see cref="Seed"/>.</summary>
public sealed record SimulationOptions
{
    /// <summary>The fewest inside hosts: the four servers and one workstation.</summary>
    public const int MinHosts = 5;

    /// <summary>The most inside hosts the home network's numbering holds.</summary>
    public const int MaxHosts = 10_000;

    /// <summary>The longest capture, in hours (a year).</summary>
    public const int MaxHours = 24 * 366;

    /// <summary>Hours of capture time. Default 72.</summary>
    public int Hours { get; init; } = 72;

    /// <summary>Inside hosts, servers included. Default 20.</summary>
    public int Hosts { get; init; } = 20;

    /// <summary>The seed: the same seed and options give the same capture, byte for byte. Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The attacks to inject. Default <see cref="AttackKinds.Default"/>.</summary>
    public IReadOnlyList<AttackKind> Attacks { get; init; } = AttackKinds.Default;

    /// <summary>When the capture starts (UTC). Default Monday 2026-01-05 00:00.</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Scales the normal traffic's session rates (attacks keep their size). Default 1.</summary>
    public double Intensity { get; init; } = 1.0;

    /// <summary>
    /// Frames are cut to this many bytes in the file (wire length kept); 0 keeps whole frames. Applies when the
    /// simulator creates the writer (<see cref="TrafficSimulator.Run(Stream, Action{int, long}, CancellationToken)"/>).
    /// </summary>
    public int SnapLength { get; init; }

    /// <summary>Nanosecond timestamps in the pcap file instead of microseconds (when the simulator creates the writer).</summary>
    public bool Nanoseconds { get; init; }

    /// <summary>Why these options cannot be simulated, or null when they can.</summary>
    public string? Validate()
    {
        if (Hours is < 1 or > MaxHours)
            return $"hours must be between 1 and {MaxHours} (got {Hours})";
        if (Hosts is < MinHosts or > MaxHosts)
            return $"hosts must be between {MinHosts} and {MaxHosts} (four servers and at least one workstation; got {Hosts})";
        if (!double.IsFinite(Intensity) || Intensity <= 0 || Intensity > 1000)
            return $"intensity must be a positive number up to 1000 (got {Intensity})";
        if (SnapLength is < 0 or (> 0 and < 64))
            return $"snaplen must be 0 (whole frames) or at least 64 bytes (got {SnapLength})";
        if (Attacks.Count > 0 && Hours < AttackPlanner.MinHours)
            return $"attacks need at least {AttackPlanner.MinHours} hours of capture (a clean stretch comes first); use more hours or no attacks";
        var end = Start.UtcDateTime.AddHours(Hours);
        if (Start.UtcDateTime < DateTime.UnixEpoch || end.Year >= 2106)
            return $"the capture must lie between 1970 and 2106 (pcap timestamps); start {Start:O}";
        return null;
    }
}
