using Fennec.Detection.KitNet;
using Fennec.Features.AfterImage;
using Fennec.Features.Kitsune;

namespace Fennec.Detection.Kitsune;

/// <summary>
/// Splits a score among the ensemble members. The score is the output autoencoder's RMSE over the members' scores,
/// so each member's squared reconstruction error in that layer, over their sum, is its exact share.
/// </summary>
internal sealed class AlertExplainer
{
    private readonly string[][] _groups;
    private readonly double[] _normalised;
    private double[] _hidden = [];
    private readonly double[] _errors;

    public AlertExplainer(int[][] featureMap)
    {
        _groups = featureMap.Select(cluster => cluster.Select(FeatureNames.GroupOf).Distinct().ToArray()).ToArray();
        _normalised = new double[featureMap.Length];
        _errors = new double[featureMap.Length];
    }

    public AlertExplanation Explain(Autoencoder output, ReadOnlySpan<double> memberScores, PacketFields packet, int top)
    {
        var n = output.Visible;
        var h = output.Hidden;
        var w = output.Weights;
        if (_hidden.Length < h)
            _hidden = new double[h];
        var hidden = _hidden.AsSpan(0, h);
        for (var i = 0; i < n; i++)
            _normalised[i] = (memberScores[i] - output.NormMin[i]) / (output.NormMax[i] - output.NormMin[i] + Autoencoder.RangeEpsilon);
        for (var j = 0; j < h; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
                sum += _normalised[i] * w[(i * h) + j];
            hidden[j] = Sigmoid(sum + output.HiddenBias[j]);
        }

        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < h; j++)
                sum += hidden[j] * w[(i * h) + j];
            var error = _normalised[i] - Sigmoid(sum + output.VisibleBias[i]);
            _errors[i] = error * error;
            total += _errors[i];
        }

        // The largest errors first, ties in member order (a stable descending sort's first `top`), picked one by one:
        // the ensemble is small, and LINQ's ordering is not precompiled (compiling it delayed the first alert).
        var members = new MemberContribution[Math.Min(Math.Max(top, 0), n)];
        Span<bool> picked = stackalloc bool[n];
        for (var m = 0; m < members.Length; m++)
        {
            var best = -1;
            for (var i = 0; i < n; i++)
            {
                if (!picked[i] && (best < 0 || _errors[i].CompareTo(_errors[best]) > 0))
                    best = i;
            }

            picked[best] = true;
            members[m] = new MemberContribution(best, total > 0 ? _errors[best] / total : 0, memberScores[best], _groups[best]);
        }

        var socket = packet.IsArp
            ? $"{packet.SrcMac} -> {packet.DstMac}"
            : $"{packet.SrcIp} {packet.SrcProto} -> {packet.DstIp} {packet.DstProto}";
        return new AlertExplanation(members, $"{packet.SrcMac} {packet.SrcIp}", $"{packet.SrcIp} -> {packet.DstIp}", socket);
    }

    private static double Sigmoid(double a) => 1 / (1 + Math.Exp(-a));
}
