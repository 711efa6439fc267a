namespace Fennec.Storage;

/// <summary>One detector score at one moment for one key (host, flow, sensor).</summary>
/// <param name="Detector">The detector's name ("kitsune", "baseline:bytes_in", ...).</param>
/// <param name="Ns">When (Unix ns, capture time).</param>
/// <param name="Key">What was scored.</param>
/// <param name="Score">The score.</param>
/// <param name="Threshold">The threshold in force; scores above it were flagged.</param>
public sealed record StoredScore(string Detector, long Ns, string Key, double Score, double Threshold);
