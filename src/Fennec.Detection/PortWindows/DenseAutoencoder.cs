using System.Numerics;
using Fennec.Detection.KitNet;

namespace Fennec.Detection.PortWindows;

/// <summary>
/// A small fully connected autoencoder with sigmoid units everywhere (n → h1 → h2 → n, by default 2K·2 → 20 → 20 →
/// 2K·2 as in NTT Communications' DDoS detector), trained by Adam on the mean squared reconstruction error.
/// Initialisation is Xavier-uniform from an MT19937 stream with a fixed seed, so training is reproducible.
/// </summary>
public sealed class DenseAutoencoder
{
    private readonly int[] _sizes;
    private readonly double[][] _weights; // layer l: sizes[l+1] x sizes[l], row-major
    private readonly double[][] _biases;
    private readonly double[][] _m, _v, _mb, _vb; // Adam moments
    private readonly double[][] _activations;
    private readonly double[][] _deltas;
    private readonly double[][] _gradW, _gradB;
    private long _steps;

    /// <summary>Creates an untrained autoencoder for vectors of <paramref name="inputs"/> values.</summary>
    public DenseAutoencoder(int inputs, int hidden1 = 20, int hidden2 = 20, uint seed = 1234)
    {
        if (inputs < 1 || hidden1 < 1 || hidden2 < 1)
            throw new ArgumentException("every layer needs at least one unit");
        _sizes = [inputs, hidden1, hidden2, inputs];
        var layers = _sizes.Length - 1;
        _weights = new double[layers][];
        _biases = new double[layers][];
        _m = new double[layers][];
        _v = new double[layers][];
        _mb = new double[layers][];
        _vb = new double[layers][];
        _gradW = new double[layers][];
        _gradB = new double[layers][];
        _deltas = new double[layers][];
        _activations = new double[_sizes.Length][];
        var random = new Mt19937(seed);
        for (var l = 0; l < layers; l++)
        {
            int fanIn = _sizes[l], fanOut = _sizes[l + 1];
            var limit = Math.Sqrt(6.0 / (fanIn + fanOut));
            _weights[l] = new double[fanIn * fanOut];
            for (var i = 0; i < _weights[l].Length; i++)
                _weights[l][i] = (2 * random.NextDouble() - 1) * limit;
            _biases[l] = new double[fanOut];
            _m[l] = new double[fanIn * fanOut];
            _v[l] = new double[fanIn * fanOut];
            _gradW[l] = new double[fanIn * fanOut];
            _mb[l] = new double[fanOut];
            _vb[l] = new double[fanOut];
            _gradB[l] = new double[fanOut];
            _deltas[l] = new double[fanOut];
        }
        for (var l = 0; l < _sizes.Length; l++)
            _activations[l] = new double[_sizes[l]];
    }

    /// <summary>Length of the vectors it reconstructs.</summary>
    public int Inputs => _sizes[0];

    /// <summary>Adam's step size.</summary>
    public double LearningRate { get; init; } = 0.005;

    /// <summary>
    /// Trains for <paramref name="epochs"/> passes over <paramref name="samples"/> in minibatches of
    /// <paramref name="batch"/>, in an order shuffled from <paramref name="seed"/>. Returns the last epoch's mean error.
    /// </summary>
    public double Train(IReadOnlyList<double[]> samples, int epochs = 200, int batch = 16, uint seed = 1)
    {
        if (samples.Count == 0)
            throw new ArgumentException("no training samples", nameof(samples));
        var order = Enumerable.Range(0, samples.Count).ToArray();
        var random = new Mt19937(seed);
        double loss = 0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = (int)(random.NextUInt32() % (uint)(i + 1));
                (order[i], order[j]) = (order[j], order[i]);
            }
            loss = 0;
            for (var start = 0; start < order.Length; start += batch)
            {
                var end = Math.Min(order.Length, start + batch);
                ClearGradients();
                for (var s = start; s < end; s++)
                    loss += Backpropagate(samples[order[s]]);
                Step(end - start);
            }
            loss /= order.Length;
        }
        return loss;
    }

    /// <summary>The mean squared error of reconstructing <paramref name="input"/>; <paramref name="output"/> (optional) receives the reconstruction.</summary>
    public double Score(ReadOnlySpan<double> input, Span<double> output = default)
    {
        Forward(input);
        var reconstruction = _activations[^1];
        if (!output.IsEmpty)
            reconstruction.CopyTo(output);
        double sum = 0;
        for (var i = 0; i < input.Length; i++)
        {
            var d = reconstruction[i] - input[i];
            sum += d * d;
        }
        return sum / input.Length;
    }

    private void Forward(ReadOnlySpan<double> input)
    {
        if (input.Length != Inputs)
            throw new ArgumentException($"expected {Inputs} values, not {input.Length}", nameof(input));
        input.CopyTo(_activations[0]);
        for (var l = 0; l < _weights.Length; l++)
        {
            var x = _activations[l];
            var y = _activations[l + 1];
            var w = _weights[l];
            for (var o = 0; o < y.Length; o++)
            {
                var sum = _biases[l][o];
                var row = w.AsSpan(o * x.Length, x.Length);
                for (var i = 0; i < x.Length; i++)
                    sum += row[i] * x[i];
                y[o] = 1 / (1 + Math.Exp(-sum));
            }
        }
    }

    private double Backpropagate(double[] input)
    {
        Forward(input);
        var last = _weights.Length - 1;
        var output = _activations[^1];
        double loss = 0;
        for (var i = 0; i < output.Length; i++)
        {
            var error = output[i] - input[i];
            loss += error * error;
            _deltas[last][i] = 2 * error / output.Length * output[i] * (1 - output[i]);
        }
        for (var l = last; l >= 0; l--)
        {
            var x = _activations[l];
            var delta = _deltas[l];
            var w = _weights[l];
            for (var o = 0; o < delta.Length; o++)
            {
                _gradB[l][o] += delta[o];
                AddScaled(_gradW[l].AsSpan(o * x.Length, x.Length), delta[o], x);
            }
            if (l == 0)
                break;
            BackpropagateDelta(w, delta, x, _deltas[l - 1]);
        }
        return loss / output.Length;
    }

    private void ClearGradients()
    {
        for (var l = 0; l < _weights.Length; l++)
        {
            Array.Clear(_gradW[l]);
            Array.Clear(_gradB[l]);
        }
    }

    private void Step(int batch)
    {
        const double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
        _steps++;
        var correction1 = 1 - Math.Pow(beta1, _steps);
        var correction2 = 1 - Math.Pow(beta2, _steps);
        for (var l = 0; l < _weights.Length; l++)
        {
            Adam(_weights[l], _gradW[l], _m[l], _v[l]);
            Adam(_biases[l], _gradB[l], _mb[l], _vb[l]);
        }

        void Adam(double[] parameters, double[] gradients, double[] m, double[] v)
        {
            // Elementwise, so whole vectors of parameters take the scalar operations in the same order: the same bits.
            var width = Vector<double>.Count;
            var i = 0;
            for (; i + width <= parameters.Length; i += width)
            {
                var g = new Vector<double>(gradients, i) / batch;
                var mi = (beta1 * new Vector<double>(m, i)) + ((1 - beta1) * g);
                var vi = (beta2 * new Vector<double>(v, i)) + ((1 - beta2) * g * g);
                mi.CopyTo(m, i);
                vi.CopyTo(v, i);
                (new Vector<double>(parameters, i) - (LearningRate * (mi / correction1) / (Vector.SquareRoot(vi / correction2) + new Vector<double>(epsilon))))
                    .CopyTo(parameters, i);
            }

            for (; i < parameters.Length; i++)
            {
                var g = gradients[i] / batch;
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                parameters[i] -= LearningRate * (m[i] / correction1) / (Math.Sqrt(v[i] / correction2) + epsilon);
            }
        }
    }

    /// <summary>target[i] += scale·x[i], a vector at a time (elementwise: the bits of the scalar loop).</summary>
    private static void AddScaled(Span<double> target, double scale, ReadOnlySpan<double> x)
    {
        var width = Vector<double>.Count;
        var scales = new Vector<double>(scale);
        var i = 0;
        for (; i + width <= target.Length; i += width)
            (new Vector<double>(target[i..]) + (scales * new Vector<double>(x[i..]))).CopyTo(target[i..]);
        for (; i < target.Length; i++)
            target[i] += scale * x[i];
    }

    /// <summary>
    /// below[i] = (Σ_o w[o][i]·delta[o]) · x[i] · (1 - x[i]), o ascending: one lane per i, reading rows of the
    /// row-major weights, so every lane sums in the scalar loop's order.
    /// </summary>
    private static void BackpropagateDelta(double[] w, double[] delta, double[] x, double[] below)
    {
        var width = Vector<double>.Count;
        var n = x.Length;
        var i = 0;
        for (; i + width <= n; i += width)
        {
            var sum = Vector<double>.Zero;
            for (var o = 0; o < delta.Length; o++)
                sum += new Vector<double>(w, (o * n) + i) * delta[o];
            var xi = new Vector<double>(x, i);
            (sum * xi * (Vector<double>.One - xi)).CopyTo(below, i);
        }

        for (; i < n; i++)
        {
            double sum = 0;
            for (var o = 0; o < delta.Length; o++)
                sum += w[(o * n) + i] * delta[o];
            below[i] = sum * x[i] * (1 - x[i]);
        }
    }
}
