using Fennec.Packets.Capture;
using Fennec.Simulation.Attacks;
using Fennec.Simulation.Network;
using Fennec.Simulation.Traffic;

namespace Fennec.Simulation;

/// <summary>What a simulation wrote.</summary>
/// <param name="Packets">Frames written.</param>
/// <param name="Bytes">Bytes of the pcap file.</param>
/// <param name="Labels">One row per injected attack, in time order, with its packet count.</param>
public sealed record SimulationResult(long Packets, long Bytes, IReadOnlyList<AttackLabel> Labels);

/// <summary>
/// Generates a capture of a small site (see <see cref="SimulatedNetwork"/>) with the attacks of
/// <see cref="SimulationOptions.Attacks"/> injected, streaming time-ordered frames into a <see cref="PcapWriter"/>.
/// One hour is generated at a time, sorted and written; only the packets of sessions that run past the hour are
/// kept for the next, so memory stays bounded by about an hour of traffic. Deterministic: the same options give the
/// same bytes.
/// </summary>
public sealed class TrafficSimulator
{
    private const long HourNs = 3_600_000_000_000;

    private readonly NormalTraffic _normal;
    private readonly AttackInjector _injector;
    private readonly IReadOnlyList<PlannedAttack> _plan;

    // Kept between runs, so that a second run (a benchmark's) grows nothing.
    private readonly EventBuffer _events = new();
    private readonly FrameBuilder _builder = new();

    /// <summary>Builds the network and places the attacks; nothing is written until a run.</summary>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="SimulationOptions.Validate"/>).</exception>
    public TrafficSimulator(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
            throw new ArgumentException(problem, nameof(options));
        Options = options;
        Network = new SimulatedNetwork(options.Hosts, options.Seed);
        _normal = new NormalTraffic(Network, options.Seed, options.Intensity);
        _injector = new AttackInjector(Network, options.Seed);
        _plan = AttackPlanner.Plan(options);
    }

    /// <summary>The options simulated.</summary>
    public SimulationOptions Options { get; }

    /// <summary>The simulated site.</summary>
    public SimulatedNetwork Network { get; }

    /// <summary>The capture's first instant, nanoseconds since the Unix epoch.</summary>
    public long StartNs => (Options.Start.UtcDateTime - DateTime.UnixEpoch).Ticks * 100;

    /// <summary>The capture's end (exclusive): packets of sessions still running then are not written.</summary>
    public long EndNs => StartNs + (Options.Hours * HourNs);

    /// <summary>
    /// Writes the whole capture as pcap to <paramref name="output"/> (left open), with the snapshot length and
    /// timestamp resolution of <see cref="Options"/>.
    /// </summary>
    public SimulationResult Run(Stream output, Action<int, long>? progress = null, CancellationToken cancellation = default)
    {
        using var writer = new PcapWriter(output, LinkType.Ethernet, Options.SnapLength, Options.Nanoseconds, leaveOpen: true, bufferSize: 4 << 20);
        return Run(writer, progress, cancellation);
    }

    /// <summary>
    /// Writes the whole capture to <paramref name="writer"/> (not disposed here) and returns what was written;
    /// <paramref name="progress"/>, when given, hears after each simulated hour the hours done and packets written.
    /// </summary>
    public SimulationResult Run(PcapWriter writer, Action<int, long>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var events = _events;
        var builder = _builder;
        events.Clear();
        var labels = new AttackLabel[_plan.Count];
        var labelPackets = new long[_plan.Count];
        var packets = 0L;
        for (var hour = 0; hour < Options.Hours; hour++)
        {
            cancellation.ThrowIfCancellationRequested();
            var hourStart = StartNs + (hour * HourNs);
            var hourEnd = hourStart + HourNs;
            _normal.Generate(events, hourStart);
            foreach (var attack in _plan)
            {
                if (attack.StartNs >= hourStart && attack.StartNs < hourEnd)
                    labels[attack.Index] = _injector.Inject(events, attack, (byte)(attack.Index + 1));
            }

            events.Sort();
            var due = events.Events;
            var written = 0;
            while (written < due.Length && due[written].Time < hourEnd)
            {
                ref readonly var e = ref due[written++];
                var frame = builder.Build(e);
                writer.Write(e.Time, frame, frame.Length);
                if (e.Label != 0)
                    labelPackets[e.Label - 1]++;
            }

            packets += written;
            events.RemoveFirst(written);
            progress?.Invoke(hour + 1, packets);
        }

        // Labels give the times as the file holds them, so that the first and last packets lie inside the window.
        var resolution = writer.Nanoseconds ? 1 : 1000;
        return new SimulationResult(packets, writer.BytesWritten, [.. labels.Select((label, i) => label with
        {
            StartNs = label.StartNs / resolution * resolution,
            EndNs = label.EndNs / resolution * resolution,
            Packets = labelPackets[i],
        })]);
    }
}
