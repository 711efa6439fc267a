using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Fennec.Detection.KitNet;

/// <summary>
/// Scoring four input vectors at once, one per vector lane. Each lane goes through exactly the operations of
/// <see cref="ExecuteUnchecked"/> in the same order (sums sequential from 0.0, multiply then add, the same exp), so
/// its score has the same bits; what changes is that every output of a layer is an independent chain, so the
/// processor overlaps them, and no lane is padding. Only where <see cref="CanScoreBlocks"/>.
/// </summary>
public sealed partial class Autoencoder
{
    // Per lane: the normalised inputs, the hidden layer, then the squared errors.
    private Vector256<double>[]? _blockLanes;

    /// <summary>True when <see cref="ExecuteBlock"/> gives the bits of <see cref="ExecuteUnchecked"/> on this processor.</summary>
    internal static bool CanScoreBlocks => VectorSigmoid && Vector256.IsHardwareAccelerated;

    /// <summary>The RMSE of each lane's input: lane k of <c>x[i]</c> is input i of the k-th vector.</summary>
    internal Vector256<double> ExecuteBlock(ReadOnlySpan<Vector256<double>> x)
    {
        var visible = Visible;
        var hidden = Hidden;
        var lanes = _blockLanes ??= new Vector256<double>[(2 * visible) + hidden];
        ref var xn = ref MemoryMarshal.GetArrayDataReference(lanes);
        ref var h = ref Unsafe.Add(ref xn, visible);
        ref var squares = ref Unsafe.Add(ref h, hidden);
        ref var input = ref MemoryMarshal.GetReference(x);
        ref var min = ref MemoryMarshal.GetArrayDataReference(_normMin);
        ref var ranges = ref MemoryMarshal.GetArrayDataReference(_ranges);
        for (var i = 0; i < visible; i++)
            Unsafe.Add(ref xn, i) = (Unsafe.Add(ref input, i) - Vector256.Create(Unsafe.Add(ref min, i))) / Vector256.Create(Unsafe.Add(ref ranges, i));

        // The encoder layout holds W[i][j] at i·stride + j, for both layers.
        var stride = HiddenStride;
        ref var w = ref MemoryMarshal.GetArrayDataReference(_encoder);
        ref var hiddenBias = ref MemoryMarshal.GetArrayDataReference(_hiddenBias);
        ref var visibleBias = ref MemoryMarshal.GetArrayDataReference(_visibleBias);

        // h[j] = Sigmoid(Σ_i xn[i]·W[i][j] + b[j]), i ascending: for output j the weights start at W[0][j] and step by
        // a row; the sigmoid apart from the sums, so that the exp's registers do not crowd the accumulators'.
        for (var j = 0; j < hidden; j += 4)
            Sums(ref xn, visible, ref Unsafe.Add(ref w, j), stride, 1, ref Unsafe.Add(ref h, j), Math.Min(4, hidden - j));
        for (var j = 0; j < hidden; j++)
            Unsafe.Add(ref h, j) = Sigmoid(Unsafe.Add(ref h, j) + Vector256.Create(Unsafe.Add(ref hiddenBias, j)));

        // e[i] = xn[i] - Sigmoid(Σ_j h[j]·W[i][j] + b'[i]), j ascending, and its square: for output i the weights are
        // row i; the sums are kept where the squares go.
        for (var i = 0; i < visible; i += 4)
            Sums(ref h, hidden, ref Unsafe.Add(ref w, i * stride), 1, stride, ref Unsafe.Add(ref squares, i), Math.Min(4, visible - i));
        for (var i = 0; i < visible; i++)
        {
            var e = Unsafe.Add(ref xn, i) - Sigmoid(Unsafe.Add(ref squares, i) + Vector256.Create(Unsafe.Add(ref visibleBias, i)));
            Unsafe.Add(ref squares, i) = e * e;
        }

        var sum = PairwiseSum.Sum(MemoryMarshal.Cast<Vector256<double>, Lanes>(MemoryMarshal.CreateReadOnlySpan(ref squares, visible))).Value;
        return Vector256.Sqrt(sum / Vector256.Create((double)visible));
    }

    /// <summary>
    /// target[q] = Σ_t lanes[t]·weights[t·step + q·spacing] for q below <paramref name="outputs"/> (at most four), t
    /// ascending from 0.0, multiply then add: the outputs' chains run side by side.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Sums(ref Vector256<double> lanes, int count, ref double weights, int step, int spacing, ref Vector256<double> target, int outputs)
    {
        if (outputs == 4)
        {
            Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
            for (var t = 0; t < count; t++)
            {
                var v = Unsafe.Add(ref lanes, t);
                ref var w0 = ref Unsafe.Add(ref weights, t * step);
                s0 += v * Vector256.Create(w0);
                s1 += v * Vector256.Create(Unsafe.Add(ref w0, spacing));
                s2 += v * Vector256.Create(Unsafe.Add(ref w0, 2 * spacing));
                s3 += v * Vector256.Create(Unsafe.Add(ref w0, 3 * spacing));
            }

            target = s0;
            Unsafe.Add(ref target, 1) = s1;
            Unsafe.Add(ref target, 2) = s2;
            Unsafe.Add(ref target, 3) = s3;
            return;
        }

        for (var q = 0; q < outputs; q++)
        {
            Vector256<double> s = default;
            ref var w0 = ref Unsafe.Add(ref weights, q * spacing);
            for (var t = 0; t < count; t++)
                s += Unsafe.Add(ref lanes, t) * Vector256.Create(Unsafe.Add(ref w0, t * step));
            Unsafe.Add(ref target, q) = s;
        }
    }
}
