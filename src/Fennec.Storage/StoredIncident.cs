namespace Fennec.Storage;

/// <summary>Something that was not normal, with what explains it.</summary>
/// <param name="Id">The incident's number within its run.</param>
/// <param name="FirstNs">When it began (Unix ns).</param>
/// <param name="LastNs">When it ended (Unix ns).</param>
/// <param name="Severity">How bad it is (higher is worse).</param>
/// <param name="Kind">What kind of incident ("scan", "volume", ...).</param>
/// <param name="Host">The host concerned.</param>
/// <param name="Peer">The other side, when there is one.</param>
/// <param name="Title">One line for a list.</param>
/// <param name="Explanation">Why it was raised, in words.</param>
/// <param name="Shown">False when the alert budget held it back.</param>
/// <param name="EvidenceJson">The evidence (scores, features, flows) as a JSON document.</param>
public sealed record StoredIncident(
    long Id, long FirstNs, long LastNs, double Severity, string Kind, string Host, string? Peer, string Title,
    string Explanation, bool Shown, string EvidenceJson);
