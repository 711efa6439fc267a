namespace Fennec.Storage;

/// <summary>What a run is, recorded when it begins.</summary>
/// <param name="Command">The fennec command ("analyze", "collect").</param>
/// <param name="Inputs">The inputs it read (files, listening addresses).</param>
/// <param name="StartedAt">When it started (wall clock).</param>
/// <param name="FennecVersion">The fennec version that ran it.</param>
/// <param name="OptionsJson">Its options as a JSON document.</param>
public sealed record RunInfo(string Command, IReadOnlyList<string> Inputs, DateTimeOffset StartedAt, string FennecVersion, string OptionsJson);

/// <summary>How a run ended, recorded when it finishes.</summary>
/// <param name="Status">"ok", "interrupted", "failed" or another word the command chooses.</param>
/// <param name="Packets">Packets it read (for telemetry: packets reported, scaled by sampling).</param>
/// <param name="Flows">Flows it stored.</param>
/// <param name="CaptureFirstNs">The earliest capture time seen (Unix ns), null when nothing was seen.</param>
/// <param name="CaptureLastNs">The latest capture time seen.</param>
/// <param name="FinishedAt">When it finished (wall clock).</param>
public sealed record RunSummary(string Status, long Packets, long Flows, long? CaptureFirstNs, long? CaptureLastNs, DateTimeOffset FinishedAt);

/// <summary>A run as read back from the store.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="Info">What it is.</param>
/// <param name="Summary">How it ended; null while it runs, or when it never finished (a crash).</param>
public sealed record StoredRun(long Id, RunInfo Info, RunSummary? Summary);

/// <summary>Totals of the flow rows of one run.</summary>
/// <param name="Flows">Rows.</param>
/// <param name="Packets">Packets, both directions.</param>
/// <param name="Bytes">Bytes, both directions.</param>
public readonly record struct FlowTotals(long Flows, long Packets, long Bytes);
