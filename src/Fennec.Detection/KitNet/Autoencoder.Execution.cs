using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fennec.Detection.KitNet;

/// <summary>
/// Scoring: the same arithmetic as training's forward pass, laid out for vectors. Each dot product is still one
/// sequential sum per output from 0.0 (a vector lane per output, never a horizontal sum; multiply then add, never
/// fused) and exp stays the scalar <see cref="Math.Exp"/>, so scores are the bits the plain loops give.
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
        ref var hiddenBias = ref MemoryMarshal.GetArrayDataReference(_hiddenBias);

        for (var i = 0; i < visible; i++)
            Unsafe.Add(ref xn, i) = (Unsafe.Add(ref input, i) - Unsafe.Add(ref min, i)) / Unsafe.Add(ref ranges, i);

        // h[j] = Σ_i xn[i]·W[i][j], i ascending: one lane per j.
        for (var c = 0; c < hiddenStride; c += width)
        {
            var sum = Vector<double>.Zero;
            for (var i = 0; i < visible; i++)
                sum += new Vector<double>(Unsafe.Add(ref xn, i)) * Vector.LoadUnsafe(ref encoder, (nuint)((i * hiddenStride) + c));
            sum.StoreUnsafe(ref hiddenLanes, (nuint)c);
        }

        for (var j = 0; j < hidden; j++)
            Unsafe.Add(ref hiddenLanes, j) = Sigmoid(Unsafe.Add(ref hiddenLanes, j) + Unsafe.Add(ref hiddenBias, j));
    }

    /// <summary>Scoring's second half, after <see cref="Encode"/>: the reconstruction and its RMSE.</summary>
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
        ref var visibleBias = ref MemoryMarshal.GetArrayDataReference(_visibleBias);
        ref var squares = ref MemoryMarshal.GetArrayDataReference(_squares);

        // z[i] = Σ_j h[j]·W[i][j], j ascending: one lane per i.
        for (var c = 0; c < visibleStride; c += width)
        {
            var sum = Vector<double>.Zero;
            for (var j = 0; j < hidden; j++)
                sum += new Vector<double>(Unsafe.Add(ref hiddenLanes, j)) * Vector.LoadUnsafe(ref decoder, (nuint)((j * visibleStride) + c));
            sum.StoreUnsafe(ref outputLanes, (nuint)c);
        }

        for (var i = 0; i < visible; i++)
        {
            var error = Unsafe.Add(ref xn, i) - Sigmoid(Unsafe.Add(ref outputLanes, i) + Unsafe.Add(ref visibleBias, i));
            Unsafe.Add(ref squares, i) = error * error;
        }

        return Math.Sqrt(PairwiseSum.Mean(_squares));
    }

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
