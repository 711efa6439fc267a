using Fennec.Detection.Incidents;
using Fennec.Features.Traffic;
using Fennec.Packets.Decoding;

namespace Fennec.Detection.Kitsune;

/// <summary>
/// Turns Kitsune's per-packet verdicts into candidates an operator can read: packets are counted per host (the
/// inside end of each packet) and time window, and a window becomes a candidate when far more of its packets were
/// flagged than the threshold's tail probability leads one to expect, and enough of them to matter. A flood of
/// spoofed sources still lands on its one victim. Memory is bounded: past <see cref="MaxWindows"/> open windows,
/// further packets are counted in <see cref="Overflow"/>.
/// </summary>
public sealed class KitsuneWindows
{
    /// <summary>The detector's name in candidates and incidents.</summary>
    public const string Name = "kitsune";

    private readonly Dictionary<(long Window, IpAddress Host), Window> _windows = [];
    private readonly long _windowNs;

    /// <summary>Creates an empty set of windows of <paramref name="window"/> (default ten minutes).</summary>
    public KitsuneWindows(TimeSpan? window = null)
    {
        _windowNs = (long)(window ?? TimeSpan.FromMinutes(10)).TotalMicroseconds * 1000;
        if (_windowNs <= 0)
            throw new ArgumentOutOfRangeException(nameof(window), "the window must be positive");
    }

    /// <summary>Windows kept at most.</summary>
    public int MaxWindows { get; init; } = 1_000_000;

    /// <summary>Flagged packets in a window below which it is never a candidate.</summary>
    public int MinimumFlagged { get; init; } = 50;

    /// <summary>How many times the expected number of flagged packets a window must reach.</summary>
    public double MinimumLift { get; init; } = 10;

    /// <summary>
    /// How far above normal (standard deviations of the log-normal fitted to the training scores) a window's strongest
    /// packet must be. The packet threshold's small tail probability still flags the ordinary churn of new
    /// connections, in bursts of a few dozen packets a few standard deviations out; attacks reach much further.
    /// </summary>
    public double MinimumSigmas { get; init; } = 6;

    /// <summary>Distinct peers of a window's flagged packets up to which one of them is named as the window's peer.</summary>
    public int MaxNamedPeers { get; init; } = 3;

    /// <summary>Packets that found no window because the table was full.</summary>
    public long Overflow { get; private set; }

    /// <summary>
    /// Counts one scored packet for <paramref name="host"/>; <paramref name="sigmas"/> is how far its score lies
    /// above the normal scores (in standard deviations of their log) and <paramref name="flagged"/> whether it
    /// crossed the threshold. <paramref name="explain"/> is asked for words only when the packet is the window's
    /// strongest so far.
    /// </summary>
    public void Add(long ns, IpAddress host, IpAddress peer, bool flagged, double sigmas, Func<string>? explain = null)
    {
        var key = (TimeBuckets.Of(ns, _windowNs), host);
        if (!_windows.TryGetValue(key, out var window))
        {
            if (_windows.Count >= MaxWindows)
            {
                Overflow++;
                return;
            }
            _windows[key] = window = new Window();
        }
        window.Packets++;
        if (!flagged)
            return;
        window.Flagged++;
        if (window.Flagged == MinimumFlagged)
            window.SignificantNs = ns;
        window.Peers.Add(peer);
        // Boyer-Moore majority vote: the peer most flagged packets were exchanged with, in constant memory.
        if (window.VoteCount == 0)
        {
            window.MainPeer = peer;
            window.VoteCount = 1;
        }
        else
            window.VoteCount += window.MainPeer == peer ? 1 : -1;
        window.FirstNs = Math.Min(window.FirstNs, ns);
        window.LastNs = Math.Max(window.LastNs, ns);
        if (sigmas > window.MaxSigmas)
        {
            window.MaxSigmas = sigmas;
            window.Why = explain?.Invoke() ?? window.Why;
        }
    }

    /// <summary>
    /// The candidates: windows with at least <see cref="MinimumFlagged"/> flagged packets, at least
    /// <see cref="MinimumLift"/> times the <paramref name="tailProbability"/> share of their packets, and a packet at
    /// least <see cref="MinimumSigmas"/> above normal.
    /// </summary>
    public IReadOnlyList<Candidate> Candidates(double tailProbability)
    {
        var candidates = new List<Candidate>();
        foreach (var ((_, host), w) in _windows)
        {
            var expected = w.Packets * tailProbability;
            if (w.Flagged < MinimumFlagged || w.Flagged < MinimumLift * expected || w.MaxSigmas < MinimumSigmas)
                continue;
            var peers = w.Peers.Count;
            // The majority vote names a candidate, not a proven majority: only trust it among a few peers.
            var peer = peers <= MaxNamedPeers && w.VoteCount > 0 ? w.MainPeer.ToString() : null;
            var with = peers == 1
                ? $"all with {w.MainPeer}"
                : peer is null ? $"with {Quantities.Count(peers)} distinct peers" : $"mostly with {peer} ({Quantities.Count(peers)} distinct peers)";
            var why = w.Why is null ? "" : $"; the autoencoders that reacted most watch {w.Why}";
            var evidence = $"Kitsune flagged {Quantities.Count(w.Flagged)} of {Quantities.Count(w.Packets)} packets of {host} between " +
                           $"{Quantities.Time(w.FirstNs)} and {Quantities.Time(w.LastNs)} (about {Quantities.Count(expected)} expected), " +
                           $"{with}; the strongest scored {w.MaxSigmas:0.#} standard deviations above normal{why}";
            candidates.Add(new Candidate(Name, "packet-scores", host.ToString(), peer, w.FirstNs, w.LastNs, w.MaxSigmas, evidence)
            {
                DetectedNs = w.SignificantNs,
            });
        }
        return candidates;
    }

    private sealed class Window
    {
        public long Packets;
        public long Flagged;
        public double MaxSigmas = double.NegativeInfinity;
        public long FirstNs = long.MaxValue;
        public long LastNs = long.MinValue;
        public IpAddress MainPeer;
        public long VoteCount;
        public long SignificantNs;
        public string? Why;
        public DistinctCounter Peers { get; } = new();
    }
}
