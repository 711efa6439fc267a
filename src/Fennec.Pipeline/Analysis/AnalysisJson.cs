using System.Text.Json.Serialization;

namespace Fennec.Pipeline.Analysis;

/// <summary>One candidate as stored in an incident's evidence document.</summary>
/// <param name="Detector">The detector.</param>
/// <param name="Kind">What it measured.</param>
/// <param name="Host">The host concerned.</param>
/// <param name="Peer">The peer, when there is one.</param>
/// <param name="StartNs">Start of the evidence (Unix nanoseconds).</param>
/// <param name="EndNs">End of the evidence (Unix nanoseconds).</param>
/// <param name="Score">Standard deviations from normal.</param>
/// <param name="Evidence">The evidence in words.</param>
public sealed record EvidenceRow(string Detector, string Kind, string Host, string? Peer, long StartNs, long EndNs, double Score, string Evidence);

/// <summary>The JSON documents of an analysis, serialised without reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(List<EvidenceRow>))]
public sealed partial class AnalysisJson : JsonSerializerContext;
