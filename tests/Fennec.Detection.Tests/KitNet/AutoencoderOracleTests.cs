using Fennec.Detection.KitNet;

namespace Fennec.Detection.Tests.KitNet;

/// <summary>
/// The vectorised autoencoder against a plain transcription of the reference's arithmetic (SPEC §4.3–4.4): same
/// weights, biases, ranges, training RMSEs and scores, bit for bit.
/// </summary>
public sealed class AutoencoderOracleTests
{
    /// <summary>The reference's dA, scalar and sequential, written for comparison only.</summary>
    private sealed class Oracle
    {
        public readonly double[] W, HiddenBias, VisibleBias, Min, Max;
        private readonly int _v, _h;
        private readonly double _rate;

        public Oracle(int visible, double ratio, double rate)
        {
            _v = visible;
            _h = Autoencoder.HiddenUnits(visible, ratio);
            _rate = rate;
            var a = 1.0 / visible;
            var random = new Mt19937(1234);
            W = new double[_v * _h];
            for (var k = 0; k < W.Length; k++)
                W[k] = -a + ((2 * a) * random.NextDouble());
            HiddenBias = new double[_h];
            VisibleBias = new double[_v];
            Min = Enumerable.Repeat(double.PositiveInfinity, _v).ToArray();
            Max = Enumerable.Repeat(double.NegativeInfinity, _v).ToArray();
        }

        private static double Sigmoid(double a) => 1 / (1 + Math.Exp(-a));

        private (double[] Xn, double[] H, double[] E) Forward(double[] x)
        {
            var xn = new double[_v];
            for (var i = 0; i < _v; i++)
                xn[i] = (x[i] - Min[i]) / (Max[i] - Min[i] + 1e-16);
            var h = new double[_h];
            for (var j = 0; j < _h; j++)
            {
                var s = 0.0;
                for (var i = 0; i < _v; i++)
                    s += xn[i] * W[(i * _h) + j];
                h[j] = Sigmoid(s + HiddenBias[j]);
            }

            var e = new double[_v];
            for (var i = 0; i < _v; i++)
            {
                var s = 0.0;
                for (var j = 0; j < _h; j++)
                    s += h[j] * W[(i * _h) + j];
                e[i] = xn[i] - Sigmoid(s + VisibleBias[i]);
            }

            return (xn, h, e);
        }

        private static double Rmse(double[] e) => Math.Sqrt(PairwiseSum.Mean(e.Select(v => v * v).ToArray()));

        public double Train(double[] x)
        {
            for (var i = 0; i < _v; i++)
            {
                if (x[i] > Max[i])
                    Max[i] = x[i];
                if (x[i] < Min[i])
                    Min[i] = x[i];
            }

            var (xn, h, e) = Forward(x);
            var dh = new double[_h];
            for (var j = 0; j < _h; j++)
            {
                var s = 0.0;
                for (var i = 0; i < _v; i++)
                    s += e[i] * W[(i * _h) + j];
                dh[j] = s * h[j] * (1 - h[j]);
            }

            for (var i = 0; i < _v; i++)
            {
                for (var j = 0; j < _h; j++)
                    W[(i * _h) + j] += _rate * ((xn[i] * dh[j]) + (e[i] * h[j]));
            }

            for (var j = 0; j < _h; j++)
                HiddenBias[j] += _rate * dh[j];
            for (var i = 0; i < _v; i++)
                VisibleBias[i] += _rate * e[i];
            return Rmse(e);
        }

        public double Execute(double[] x) => Rmse(Forward(x).E);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(17)]
    [InlineData(33)]
    public void Training_and_scoring_give_the_plain_loops_bits(int visible)
    {
        var random = new Random(visible);
        var autoencoder = new Autoencoder(visible, 0.75, 0.1);
        var oracle = new Oracle(visible, 0.75, 0.1);
        var scales = Enumerable.Range(0, visible).Select(_ => Math.Pow(10, random.Next(-6, 6))).ToArray();
        for (var step = 0; step < 400; step++)
        {
            var x = scales.Select(s => s * random.NextDouble()).ToArray();
            Bits(autoencoder.Train(x)).Should().Be(Bits(oracle.Train(x)), $"training step {step}");
            if (step % 7 == 0)
            {
                var probe = scales.Select(s => s * random.NextDouble() * 1.5).ToArray();
                Bits(autoencoder.Execute(probe)).Should().Be(Bits(oracle.Execute(probe)), $"score after step {step}");
            }
        }

        autoencoder.Weights.ToArray().Select(Bits).Should().Equal(oracle.W.Select(Bits));
        autoencoder.HiddenBias.ToArray().Select(Bits).Should().Equal(oracle.HiddenBias.Select(Bits));
        autoencoder.VisibleBias.ToArray().Select(Bits).Should().Equal(oracle.VisibleBias.Select(Bits));
        autoencoder.NormMin.ToArray().Should().Equal(oracle.Min);
        autoencoder.NormMax.ToArray().Should().Equal(oracle.Max);
    }

    [Fact]
    public void A_restored_autoencoder_trains_on_exactly_as_the_original()
    {
        var random = new Random(5);
        var original = new Autoencoder(7, 0.75, 0.1);
        for (var i = 0; i < 50; i++)
            original.Train(Enumerable.Range(0, 7).Select(_ => random.NextDouble()).ToArray());
        var copy = Autoencoder.Restore(7, original.Hidden, 0.1, original.TrainCount, original.Weights, original.HiddenBias,
            original.VisibleBias, original.NormMin, original.NormMax);
        for (var i = 0; i < 50; i++)
        {
            var x = Enumerable.Range(0, 7).Select(_ => random.NextDouble() * 2).ToArray();
            Bits(copy.Train(x)).Should().Be(Bits(original.Train(x)));
        }

        copy.Weights.ToArray().Select(Bits).Should().Equal(original.Weights.ToArray().Select(Bits));
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
