using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fennec.Detection.KitNet;

/// <summary>
/// Training's backward pass in the vector layouts of scoring. Every sum is still sequential in the reference's index
/// order (one lane per output), every update is elementwise in the reference's operation order, and nothing is
/// fused, so the weights are the bits the plain loops give. The padding lanes stay zero: their inputs, errors,
/// hidden values and gradients are zero.
/// </summary>
public sealed partial class Autoencoder
{
    /// <summary>dh[j] = ((Σ_i e[i]·W[i][j]) · h[j]) · (1 - h[j]), i ascending, from the weights before the step.</summary>
    private void ComputeHiddenGradient()
    {
        var visible = Visible;
        var hiddenStride = HiddenStride;
        var width = Vector<double>.Count;
        ref var encoder = ref MemoryMarshal.GetArrayDataReference(_encoder);
        ref var error = ref MemoryMarshal.GetArrayDataReference(_error);
        ref var hiddenLanes = ref MemoryMarshal.GetArrayDataReference(_lanes);
        ref var gradient = ref MemoryMarshal.GetArrayDataReference(_hiddenGradient);
        for (var c = 0; c < hiddenStride; c += width)
        {
            var sum = Vector<double>.Zero;
            for (var i = 0; i < visible; i++)
                sum += new Vector<double>(Unsafe.Add(ref error, i)) * Vector.LoadUnsafe(ref encoder, (nuint)((i * hiddenStride) + c));
            var h = Vector.LoadUnsafe(ref hiddenLanes, (nuint)c);
            (sum * h * (Vector<double>.One - h)).StoreUnsafe(ref gradient, (nuint)c);
        }
    }

    /// <summary>W += rate·(outer(xn, dh) + outer(e, h)) in both layouts, then the biases.</summary>
    private void Step()
    {
        var visible = Visible;
        var hidden = Hidden;
        var hiddenStride = HiddenStride;
        var visibleStride = VisibleStride;
        var width = Vector<double>.Count;
        var rate = LearningRate;
        var rates = new Vector<double>(rate);
        ref var xn = ref MemoryMarshal.GetArrayDataReference(_normalised);
        ref var error = ref MemoryMarshal.GetArrayDataReference(_error);
        ref var hiddenLanes = ref MemoryMarshal.GetArrayDataReference(_lanes);
        ref var gradient = ref MemoryMarshal.GetArrayDataReference(_hiddenGradient);

        // Column block by column block, so each block's gradient and hidden values are loaded once; every element
        // still gets exactly one step, rate·((xn[i]·dh[j]) + (e[i]·h[j])), added to it.
        ref var encoder = ref MemoryMarshal.GetArrayDataReference(_encoder);
        for (var c = 0; c < hiddenStride; c += width)
        {
            var g = Vector.LoadUnsafe(ref gradient, (nuint)c);
            var h = Vector.LoadUnsafe(ref hiddenLanes, (nuint)c);
            for (var i = 0; i < visible; i++)
            {
                var offset = (nuint)((i * hiddenStride) + c);
                var step = rates * ((new Vector<double>(Unsafe.Add(ref xn, i)) * g) + (new Vector<double>(Unsafe.Add(ref error, i)) * h));
                (Vector.LoadUnsafe(ref encoder, offset) + step).StoreUnsafe(ref encoder, offset);
            }
        }

        // The same values for Wᵀ: x·y equals y·x bit for bit, so each element gets exactly its encoder twin's step.
        ref var decoder = ref MemoryMarshal.GetArrayDataReference(_decoder);
        for (var c = 0; c < visibleStride; c += width)
        {
            var x = Vector.LoadUnsafe(ref xn, (nuint)c);
            var e = Vector.LoadUnsafe(ref error, (nuint)c);
            for (var j = 0; j < hidden; j++)
            {
                var offset = (nuint)((j * visibleStride) + c);
                var step = rates * ((x * new Vector<double>(Unsafe.Add(ref gradient, j))) + (e * new Vector<double>(Unsafe.Add(ref hiddenLanes, j))));
                (Vector.LoadUnsafe(ref decoder, offset) + step).StoreUnsafe(ref decoder, offset);
            }
        }

        var hiddenBias = _hiddenBias;
        for (var j = 0; j < hidden; j++)
            hiddenBias[j] += rate * Unsafe.Add(ref gradient, j);
        var visibleBias = _visibleBias;
        for (var i = 0; i < visible; i++)
            visibleBias[i] += rate * Unsafe.Add(ref error, i);
        _weightsStale = true;
    }
}
