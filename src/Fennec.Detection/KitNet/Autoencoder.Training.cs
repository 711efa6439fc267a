using System.Numerics;
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
        var encoder = _encoder;
        var error = _error;
        var hiddenLanes = _lanes.AsSpan(0, hiddenStride);
        var gradient = _hiddenGradient.AsSpan();
        for (var c = 0; c < hiddenStride; c += width)
        {
            var sum = Vector<double>.Zero;
            for (var i = 0; i < visible; i++)
                sum += new Vector<double>(error[i]) * new Vector<double>(encoder.AsSpan((i * hiddenStride) + c, width));
            var h = new Vector<double>(hiddenLanes[c..]);
            (sum * h * (Vector<double>.One - h)).CopyTo(gradient[c..]);
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
        var xn = _normalised;
        var error = _error;
        var hiddenLanes = _lanes.AsSpan(0, hiddenStride);
        var gradient = _hiddenGradient;

        var encoder = _encoder.AsSpan();
        for (var i = 0; i < visible; i++)
        {
            var xi = new Vector<double>(xn[i]);
            var ei = new Vector<double>(error[i]);
            var row = encoder.Slice(i * hiddenStride, hiddenStride);
            for (var c = 0; c < hiddenStride; c += width)
            {
                var step = rates * ((xi * new Vector<double>(gradient.AsSpan(c, width))) + (ei * new Vector<double>(hiddenLanes[c..])));
                (new Vector<double>(row[c..]) + step).CopyTo(row[c..]);
            }
        }

        // The same values for Wᵀ: x·y equals y·x bit for bit, so each element gets exactly its encoder twin's step.
        var decoder = _decoder.AsSpan();
        for (var j = 0; j < hidden; j++)
        {
            var dj = new Vector<double>(gradient[j]);
            var hj = new Vector<double>(hiddenLanes[j]);
            var row = decoder.Slice(j * visibleStride, visibleStride);
            for (var c = 0; c < visibleStride; c += width)
            {
                var step = rates * ((new Vector<double>(xn.AsSpan(c, width)) * dj) + (new Vector<double>(error.AsSpan(c, width)) * hj));
                (new Vector<double>(row[c..]) + step).CopyTo(row[c..]);
            }
        }

        var hiddenBias = _hiddenBias;
        for (var j = 0; j < hidden; j++)
            hiddenBias[j] += rate * gradient[j];
        var visibleBias = _visibleBias;
        for (var i = 0; i < visible; i++)
            visibleBias[i] += rate * error[i];
        _weightsStale = true;
    }
}
