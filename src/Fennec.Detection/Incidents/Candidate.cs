namespace Fennec.Detection.Incidents;

/// <summary>
/// One detector's claim that something was not normal: who (a host, and the peer when there is one), when, how far
/// from normal, and the evidence in words. Every detector (Kitsune, baselines, new countries, port windows) speaks
/// this one language so that the incident builder can merge and rank their claims together.
/// </summary>
/// <param name="Detector">The detector's name, e.g. <c>baseline</c>, <c>kitsune</c>, <c>new-country</c>.</param>
/// <param name="Kind">What it measured, e.g. <c>bytes_out</c>, <c>packet-score</c>, <c>country</c>.</param>
/// <param name="Host">The host concerned (an address, or <c>site</c> for the whole network).</param>
/// <param name="Peer">The other end when the claim is about a pair, else null.</param>
/// <param name="StartNs">Start of the evidence, capture time in Unix nanoseconds.</param>
/// <param name="EndNs">End of the evidence (inclusive), capture time in Unix nanoseconds.</param>
/// <param name="Score">
/// How far from normal, in standard deviations of the detector's own normal (comparable across detectors).
/// </param>
/// <param name="Evidence">A sentence that an operator can read: what was seen against what is usual.</param>
public sealed record Candidate(
    string Detector, string Kind, string Host, string? Peer, long StartNs, long EndNs, double Score, string Evidence)
{
    /// <summary>The host name used for claims about the whole network.</summary>
    public const string Site = "site";

    /// <summary>
    /// When the detector could first make the claim (Unix nanoseconds): the end of a baseline's bucket, the packet
    /// that made a Kitsune window significant, the first flow with a new country. Defaults to <see cref="EndNs"/>.
    /// </summary>
    public long DetectedNs { get; init; } = EndNs;

    /// <summary>True when the claim is about the whole network rather than one host.</summary>
    public bool IsSiteWide => Host == Site;
}
