using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Fennec.Features.Numerics;

namespace Fennec.Detection.KitNet;

/// <summary>
/// Scoring: the same arithmetic as training's forward pass, laid out for vectors. Each dot product is still one
/// sequential sum per output from 0.0 (a vector lane per output, never a horizontal sum; multiply then add, never
/// fused) and exp gives the bits of the scalar <see cref="Math.Exp"/> (<see cref="VectorMath"/>), so scores are the bits
/// the plain loops give.
/// </summary>
public sealed partial class Autoencoder
{
    // The weights in the layouts the layers read, kept in step by every change: W with rows padded to whole vectors
    // (encoder) and Wᵀ likewise (decoder); and each input's range denominator. The row-major W of the public view is
    // copied from the encoder when asked for after training.
    private readonly double[] _encoder;
    private readonly double[] _decoder;
    private readonly double[] _ranges;
    private bool _weightsStale;

    // Vector lanes: the hidden layer, then the reconstruction, each padded to whole vectors.
    private readonly double[] _lanes;

    // The sigmoid goes through the vector exp where that gives Math.Exp's bits: the same scores either way.
    private static readonly bool VectorSigmoid = VectorMath.IsExact && Vector<double>.Count % Vector256<double>.Count == 0;

    private int HiddenStride => RoundUp(Hidden);

    private int VisibleStride => RoundUp(Visible);

    internal double ExecuteUnchecked(ReadOnlySpan<double> x)
    {
        Encode(x);
        return Decode();
    }

    /// <summary>
    /// Scoring's first half: normalises <paramref name="x"/> and computes the hidden layer. KitNET runs this for every
    /// member before any <see cref="Decode"/>, so the members' independent chains of dependent operations overlap.
    /// </summary>
    internal void Encode(ReadOnlySpan<double> x)
    {
        var visible = Visible;
        var hidden = Hidden;
        var hiddenStride = HiddenStride;
        var width = Vector<double>.Count;
        ref var input = ref MemoryMarshal.GetReference(x);
        ref var min = ref MemoryMarshal.GetArrayDataReference(_normMin);
        ref var ranges = ref MemoryMarshal.GetArrayDataReference(_ranges);
        ref var xn = ref MemoryMarshal.GetArrayDataReference(_normalised);
        ref var encoder = ref MemoryMarshal.GetArrayDataReference(_encoder);
        ref var hiddenLanes = ref MemoryMarshal.GetArrayDataReference(_lanes);

        // xn = (x - min) / range, elementwise: four lanes at a time are the same divisions, and the division is the
        // costly part. The tail is scalar, so nothing past the input is read and the padding stays zero.
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<double>.Count <= visible; i += Vector256<double>.Count)
            {
                var offset = (nuint)i;
                ((Vector256.LoadUnsafe(ref input, offset) - Vector256.LoadUnsafe(ref min, offset)) / Vector256.LoadUnsafe(ref ranges, offset))
                    .StoreUnsafe(ref xn, offset);
            }
        }

        for (; i < visible; i++)
            Unsafe.Add(ref xn, i) = (Unsafe.Add(ref input, i) - Unsafe.Add(ref min, i)) / Unsafe.Add(ref ranges, i);

        // h[j] = Σ_i xn[i]·W[i][j], i ascending: one lane per j.
        for (var c = 0; c < hiddenStride; c += width)
        {
            var sum = Vector<double>.Zero;
            for (var v = 0; v < visible; v++)
                sum += new Vector<double>(Unsafe.Add(ref xn, v)) * Vector.LoadUnsafe(ref encoder, (nuint)((v * hiddenStride) + c));
            sum.StoreUnsafe(ref hiddenLanes, (nuint)c);
        }

        Activate(_lanes.AsSpan(0, hiddenStride), _hiddenBias, hidden);
    }

    /// <summary>Scoring's second half, after <see cref="Encode"/>: the reconstruction, its errors and their RMSE.</summary>
    internal double Decode()
    {
        var visible = Visible;
        var hidden = Hidden;
        var visibleStride = VisibleStride;
        var width = Vector<double>.Count;
        ref var xn = ref MemoryMarshal.GetArrayDataReference(_normalised);
        ref var decoder = ref MemoryMarshal.GetArrayDataReference(_decoder);
        ref var hiddenLanes = ref MemoryMarshal.GetArrayDataReference(_lanes);
        ref var outputLanes = ref Unsafe.Add(ref hiddenLanes, HiddenStride);

        // z[i] = Σ_j h[j]·W[i][j], j ascending: one lane per i.
        for (var c = 0; c < visibleStride; c += width)
        {
            var sum = Vector<double>.Zero;
            for (var j = 0; j < hidden; j++)
                sum += new Vector<double>(Unsafe.Add(ref hiddenLanes, j)) * Vector.LoadUnsafe(ref decoder, (nuint)((j * visibleStride) + c));
            sum.StoreUnsafe(ref outputLanes, (nuint)c);
        }

        ReconstructionErrors(_lanes.AsSpan(HiddenStride, visibleStride), visible);
        return Math.Sqrt(PairwiseSum.Mean(_squares.AsSpan(0, visible)));
    }

    /// <summary>lanes[j] = Sigmoid(lanes[j] + bias[j]) for j below <paramref name="count"/>; the padding stays zero.</summary>
    private static void Activate(Span<double> lanes, ReadOnlySpan<double> bias, int count)
    {
        if (VectorSigmoid)
        {
            // Whole vectors, padding included (its lanes are 0 + 0), then the padding is put back to zero.
            for (var j = 0; j < count; j += Vector256<double>.Count)
                Sigmoid(Vector256.Create(lanes[j..]) + Vector256.Create(bias[j..])).CopyTo(lanes[j..]);
            lanes[count..].Clear();
            return;
        }

        for (var j = 0; j < count; j++)
            lanes[j] = Sigmoid(lanes[j] + bias[j]);
    }

    /// <summary>
    /// The error of each reconstructed input, e[i] = xn[i] - Sigmoid(z[i] + b[i]) (kept for training's step), and its
    /// square, for i below <paramref name="count"/>; the padding stays zero.
    /// </summary>
    private void ReconstructionErrors(ReadOnlySpan<double> z, int count)
    {
        var xn = _normalised.AsSpan();
        var bias = _visibleBias.AsSpan();
        var errors = _error.AsSpan();
        var squares = _squares.AsSpan();
        if (VectorSigmoid)
        {
            for (var i = 0; i < count; i += Vector256<double>.Count)
            {
                var e = Vector256.Create(xn[i..]) - Sigmoid(Vector256.Create(z[i..]) + Vector256.Create(bias[i..]));
                e.CopyTo(errors[i..]);
                (e * e).CopyTo(squares[i..]);
            }

            errors[count..].Clear();
            return;
        }

        for (var i = 0; i < count; i++)
        {
            var e = xn[i] - Sigmoid(z[i] + bias[i]);
            errors[i] = e;
            squares[i] = e * e;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Sigmoid(Vector256<double> a) =>
        Vector256<double>.One / (Vector256<double>.One + VectorMath.Exp(-a));

    /// <summary>Copies the row-major weights into the encoder and decoder layouts (after construction or restore).</summary>
    private void CopyWeightsToLayers()
    {
        var hiddenStride = HiddenStride;
        var visibleStride = VisibleStride;
        for (var i = 0; i < Visible; i++)
        {
            for (var j = 0; j < Hidden; j++)
            {
                var w = _weights[(i * Hidden) + j];
                _encoder[(i * hiddenStride) + j] = w;
                _decoder[(j * visibleStride) + i] = w;
            }
        }

        _weightsStale = false;
    }

    private void CopyWeightsFromEncoder()
    {
        for (var i = 0; i < Visible; i++)
            _encoder.AsSpan(i * HiddenStride, Hidden).CopyTo(_weights.AsSpan(i * Hidden, Hidden));
        _weightsStale = false;
    }

    /// <summary>
    /// Training's range update: max[i] = x[i] where x[i] &gt; max[i], min[i] = x[i] where x[i] &lt; min[i] (a NaN changes
    /// neither), then the denominators as <see cref="UpdateRanges"/> gives them; four inputs at a time, same values.
    /// </summary>
    private void WidenRanges(ReadOnlySpan<double> x)
    {
        var visible = Visible;
        ref var input = ref MemoryMarshal.GetReference(x);
        ref var min = ref MemoryMarshal.GetArrayDataReference(_normMin);
        ref var max = ref MemoryMarshal.GetArrayDataReference(_normMax);
        ref var ranges = ref MemoryMarshal.GetArrayDataReference(_ranges);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var epsilon = Vector256.Create(RangeEpsilon);
            for (; i + Vector256<double>.Count <= visible; i += Vector256<double>.Count)
            {
                var offset = (nuint)i;
                var v = Vector256.LoadUnsafe(ref input, offset);
                var high = Vector256.LoadUnsafe(ref max, offset);
                var low = Vector256.LoadUnsafe(ref min, offset);
                high = Vector256.ConditionalSelect(Vector256.GreaterThan(v, high), v, high);
                low = Vector256.ConditionalSelect(Vector256.LessThan(v, low), v, low);
                high.StoreUnsafe(ref max, offset);
                low.StoreUnsafe(ref min, offset);
                (high - low + epsilon).StoreUnsafe(ref ranges, offset);
            }
        }

        for (; i < visible; i++)
        {
            var v = Unsafe.Add(ref input, i);
            ref var high = ref Unsafe.Add(ref max, i);
            ref var low = ref Unsafe.Add(ref min, i);
            if (v > high)
                high = v;
            if (v < low)
                low = v;
            Unsafe.Add(ref ranges, i) = high - low + RangeEpsilon;
        }
    }

    /// <summary>(max - min) + ε per input: the denominator of the normalisation, in the reference's order.</summary>
    private void UpdateRanges()
    {
        for (var i = 0; i < Visible; i++)
            _ranges[i] = _normMax[i] - _normMin[i] + RangeEpsilon;
    }

    private static (double[] Encoder, double[] Decoder, double[] Ranges, double[] Lanes) ExecutionBuffers(int visible, int hidden) =>
        (new double[visible * RoundUp(hidden)], new double[hidden * RoundUp(visible)], new double[visible], new double[RoundUp(hidden) + RoundUp(visible)]);

    private static int RoundUp(int count) => (count + Vector<double>.Count - 1) / Vector<double>.Count * Vector<double>.Count;
}
