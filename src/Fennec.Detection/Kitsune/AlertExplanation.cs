namespace Fennec.Detection.Kitsune;

/// <summary>Why a packet was flagged: the ensemble members that made most of its score, and the streams it touched.</summary>
/// <param name="Members">The largest contributors, largest first.</param>
/// <param name="SourceKey">The source MAC-IP stream (source MAC and address).</param>
/// <param name="ChannelKey">The channel (source address to destination address).</param>
/// <param name="SocketKey">The socket pair (address and port each way; MACs for ARP).</param>
public sealed record AlertExplanation(IReadOnlyList<MemberContribution> Members, string SourceKey, string ChannelKey, string SocketKey);

/// <summary>One ensemble member's part in a score.</summary>
/// <param name="Member">The member's index in the ensemble.</param>
/// <param name="Share">Its share of the output layer's squared reconstruction error (the shares of all members sum to 1).</param>
/// <param name="MemberScore">The member's own reconstruction RMSE on its features.</param>
/// <param name="Groups">The feature groups the member watches, e.g. "socket statistics, 10 s window".</param>
public readonly record struct MemberContribution(int Member, double Share, double MemberScore, IReadOnlyList<string> Groups);
