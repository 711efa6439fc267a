using Fennec.Detection.KitNet;
using Fennec.Features.AfterImage;
using Fennec.Features.Kitsune;

namespace Fennec.Detection.Kitsune;

/// <summary>
/// Splits a score among the ensemble members. The score is the output autoencoder's RMSE over the members' scores,
/// so each member's squared reconstruction error in that layer, over their sum, is its exact share; the output layer
/// keeps those errors from the pass that gave the score.
/// </summary>
internal sealed class AlertExplainer
{
    private readonly string[][] _groups;

    public AlertExplainer(int[][] featureMap)
    {
        _groups = featureMap.Select(cluster => cluster.Select(FeatureNames.GroupOf).Distinct().ToArray()).ToArray();
    }

    public AlertExplanation Explain(Autoencoder output, ReadOnlySpan<double> memberScores, PacketFields packet, int top)
    {
        var errors = output.LastSquaredErrors;
        var n = errors.Length;
        var total = 0.0;
        for (var i = 0; i < n; i++)
            total += errors[i];

        // The largest errors first, ties in member order (a stable descending sort's first `top`), picked one by one:
        // the ensemble is small, and LINQ's ordering is not precompiled (compiling it delayed the first alert).
        var members = new MemberContribution[Math.Min(Math.Max(top, 0), n)];
        Span<bool> picked = stackalloc bool[n];
        for (var m = 0; m < members.Length; m++)
        {
            var best = -1;
            for (var i = 0; i < n; i++)
            {
                if (!picked[i] && (best < 0 || errors[i].CompareTo(errors[best]) > 0))
                    best = i;
            }

            picked[best] = true;
            members[m] = new MemberContribution(best, total > 0 ? errors[best] / total : 0, memberScores[best], _groups[best]);
        }

        var socket = packet.IsArp
            ? $"{packet.SrcMac} -> {packet.DstMac}"
            : $"{packet.SrcIp} {packet.SrcProto} -> {packet.DstIp} {packet.DstProto}";
        return new AlertExplanation(members, $"{packet.SrcMac} {packet.SrcIp}", $"{packet.SrcIp} -> {packet.DstIp}", socket);
    }
}
