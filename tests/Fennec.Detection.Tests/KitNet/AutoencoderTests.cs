using System.Runtime.Intrinsics;
using System.Text.Json;
using Fennec.Detection.KitNet;
using Fennec.TestSupport;

namespace Fennec.Detection.Tests.KitNet;

public class AutoencoderTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 3)]
    [InlineData(5, 4)]
    [InlineData(6, 5)]
    [InlineData(7, 6)]
    [InlineData(8, 6)]
    [InlineData(9, 7)]
    [InlineData(10, 8)]
    public void The_hidden_layer_has_ceil_three_quarters_of_the_inputs(int visible, int hidden)
    {
        var autoencoder = new Autoencoder(visible, 0.75, 0.1);
        autoencoder.Hidden.Should().Be(hidden);
        autoencoder.Weights.Length.Should().Be(visible * hidden);
        autoencoder.HiddenBias.ToArray().Should().OnlyContain(b => b == 0);
        autoencoder.VisibleBias.ToArray().Should().OnlyContain(b => b == 0);
        autoencoder.NormMin.ToArray().Should().OnlyContain(v => v == double.PositiveInfinity);
        autoencoder.NormMax.ToArray().Should().OnlyContain(v => v == double.NegativeInfinity);
        autoencoder.TrainCount.Should().Be(0);
    }

    [CorpusFact]
    public void Initial_weights_equal_numpys_for_1_to_40_inputs()
    {
        using var golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(GoldenCapture.GoldenFolder, "dA_init_weights.json")));
        var byVisible = golden.RootElement.GetProperty("init_W_by_n_visible");
        var checkedSizes = 0;
        foreach (var entry in byVisible.EnumerateObject())
        {
            var visible = int.Parse(entry.Name, System.Globalization.CultureInfo.InvariantCulture);
            var autoencoder = new Autoencoder(visible, 0.75, 0.1);
            autoencoder.Hidden.Should().Be(entry.Value.GetProperty("n_hidden").GetInt32());
            var rows = entry.Value.GetProperty("W").EnumerateArray().ToArray();
            rows.Should().HaveCount(visible);
            for (var i = 0; i < visible; i++)
            {
                var row = rows[i].EnumerateArray().Select(e => GoldenCapture.ParseDouble(e.GetString()!)).ToArray();
                row.Should().HaveCount(autoencoder.Hidden);
                for (var j = 0; j < row.Length; j++)
                {
                    var actual = autoencoder.Weights[(i * autoencoder.Hidden) + j];
                    BitConverter.DoubleToInt64Bits(actual).Should().Be(BitConverter.DoubleToInt64Bits(row[j]), $"W[{i}][{j}] of the {visible}-input autoencoder");
                }
            }

            checkedSizes++;
        }

        checkedSizes.Should().Be(40);
    }

    [Fact]
    public void The_first_sample_normalises_to_zero_and_its_score_comes_before_the_update()
    {
        var autoencoder = new Autoencoder(3, 0.75, 0.1);
        var before = autoencoder.Weights.ToArray();
        var score = autoencoder.Train([5, -2, 7]);

        // xn = 0, so h = sigmoid(0) = 0.5 and z = sigmoid(0.5 · Σ_j W[i][j]); the RMSE is that of z.
        var expected = new double[3];
        for (var i = 0; i < 3; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < 3; j++)
                sum += 0.5 * before[(i * 3) + j];
            var z = 1.0 / (1.0 + Math.Exp(-sum));
            expected[i] = z * z;
        }

        score.Should().Be(Math.Sqrt((expected[0] + expected[1] + expected[2]) / 3));
        autoencoder.NormMin.ToArray().Should().Equal(5, -2, 7);
        autoencoder.NormMax.ToArray().Should().Equal(5, -2, 7);
        autoencoder.Weights.ToArray().Should().NotEqual(before);
        autoencoder.TrainCount.Should().Be(1);
    }

    [Fact]
    public void Execute_changes_nothing_and_does_not_clip()
    {
        var autoencoder = new Autoencoder(4, 0.75, 0.1);
        var random = new Random(3);
        for (var k = 0; k < 200; k++)
            autoencoder.Train([random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble()]);
        var weights = autoencoder.Weights.ToArray();

        var inside = autoencoder.Execute([0.5, 0.5, 0.5, 0.5]);
        var outside = autoencoder.Execute([1000, -1000, 1000, -1000]);

        autoencoder.Execute([0.5, 0.5, 0.5, 0.5]).Should().Be(inside);
        outside.Should().BeGreaterThan(100);
        autoencoder.Weights.ToArray().Should().Equal(weights);
        autoencoder.TrainCount.Should().Be(200);
    }

    [Fact]
    public void A_restored_autoencoder_scores_and_trains_like_the_original()
    {
        var original = new Autoencoder(7, 0.75, 0.1);
        var random = new Random(11);
        var x = new double[7];
        for (var k = 0; k < 100; k++)
        {
            Fill(random, x);
            original.Train(x);
        }

        var copy = Autoencoder.Restore(original.Visible, original.Hidden, original.LearningRate, original.TrainCount,
            original.Weights, original.HiddenBias, original.VisibleBias, original.NormMin, original.NormMax);
        for (var k = 0; k < 100; k++)
        {
            Fill(random, x);
            copy.Execute(x).Should().Be(original.Execute(x));
            copy.Train(x).Should().Be(original.Train(x));
        }

        copy.Weights.ToArray().Should().Equal(original.Weights.ToArray());
        copy.TrainCount.Should().Be(original.TrainCount);
    }

    [Fact]
    public void Restore_rejects_arrays_of_the_wrong_length()
    {
        var act = () => Autoencoder.Restore(3, 3, 0.1, 0, new double[8], new double[3], new double[3], new double[3], new double[3]);
        act.Should().Throw<ArgumentException>().WithParameterName("weights");
    }

    [Fact]
    public void Wrong_input_length_is_rejected()
    {
        var autoencoder = new Autoencoder(3, 0.75, 0.1);
        var act = () => autoencoder.Train([1.0, 2.0]);
        act.Should().Throw<ArgumentException>().WithParameterName("x");
    }

    [Fact]
    public void Train_and_execute_allocate_nothing()
    {
        var autoencoder = new Autoencoder(10, 0.75, 0.1);
        var x = new double[10];
        var random = new Random(5);
        Fill(random, x);
        autoencoder.Train(x);
        autoencoder.Execute(x);
        Allocations.Measure(() =>
        {
            for (var k = 0; k < 1000; k++)
            {
                autoencoder.Train(x);
                autoencoder.Execute(x);
            }
        }).Should().Be(0);
    }

    [Fact]
    public void Scores_equal_the_formula_computed_plainly_bit_for_bit()
    {
        var random = new Random(17);
        foreach (var visible in Enumerable.Range(1, 24))
        {
            foreach (var ratio in new[] { 0.75, 0.3, 1.0, 1.6 })
            {
                var autoencoder = new Autoencoder(visible, ratio, 0.1);
                var x = new double[visible];
                for (var step = 0; step < 60; step++)
                {
                    Fill(random, x);

                    // Alternate, so scoring follows weights and ranges that training has just changed.
                    if (step % 3 != 2)
                    {
                        autoencoder.Train(x);
                        continue;
                    }

                    // Some inputs outside the learnt ranges.
                    x[0] *= 3;
                    Bits(autoencoder.Execute(x)).Should().Be(Bits(PlainExecute(autoencoder, x)), $"{visible} inputs, ratio {ratio}, step {step}");
                }
            }
        }
    }

    [Fact]
    public void Four_vectors_scored_together_give_each_ones_bits()
    {
        if (!Autoencoder.CanScoreBlocks)
            return; // Blocks need AVX2 and FMA; KitNET scores one vector at a time without them (tested in KitNetTests).

        // Sizes below and above NumPy's pairwise block (128 inputs) and every remainder of four, after training that
        // moved the weights and ranges; some lanes outside the ranges, some holding the same vector.
        var random = new Random(23);
        foreach (var visible in new[] { 1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17, 130, 300 })
        {
            var autoencoder = new Autoencoder(visible, 0.75, 0.1);
            var x = new double[visible];
            for (var step = 0; step < 40; step++)
            {
                Fill(random, x);
                autoencoder.Train(x);
            }

            for (var round = 0; round < 10; round++)
            {
                var vectors = new double[4][];
                for (var lane = 0; lane < 4; lane++)
                {
                    vectors[lane] = new double[visible];
                    Fill(random, vectors[lane]);
                }

                vectors[round % 4][0] *= 5;
                if (round == 9)
                    vectors[3] = vectors[2];
                var lanes = new Vector256<double>[visible];
                for (var i = 0; i < visible; i++)
                    lanes[i] = Vector256.Create(vectors[0][i], vectors[1][i], vectors[2][i], vectors[3][i]);
                var scores = autoencoder.ExecuteBlock(lanes);
                for (var lane = 0; lane < 4; lane++)
                    Bits(scores.GetElement(lane)).Should().Be(Bits(autoencoder.Execute(vectors[lane])), $"{visible} inputs, round {round}, lane {lane}");
            }
        }
    }

    // SPEC §4.3 written as plainly as possible, from the autoencoder's public state.
    private static double PlainExecute(Autoencoder a, double[] x)
    {
        var xn = new double[a.Visible];
        for (var i = 0; i < a.Visible; i++)
            xn[i] = (x[i] - a.NormMin[i]) / (a.NormMax[i] - a.NormMin[i] + 1e-16);
        var h = new double[a.Hidden];
        for (var j = 0; j < a.Hidden; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < a.Visible; i++)
                sum += xn[i] * a.Weights[(i * a.Hidden) + j];
            h[j] = 1.0 / (1.0 + Math.Exp(-(sum + a.HiddenBias[j])));
        }

        var squares = new double[a.Visible];
        for (var i = 0; i < a.Visible; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < a.Hidden; j++)
                sum += h[j] * a.Weights[(i * a.Hidden) + j];
            var e = xn[i] - (1.0 / (1.0 + Math.Exp(-(sum + a.VisibleBias[i]))));
            squares[i] = e * e;
        }

        return Math.Sqrt(PairwiseSum.Mean(squares));
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    private static void Fill(Random random, double[] x)
    {
        for (var i = 0; i < x.Length; i++)
            x[i] = random.NextDouble() * 100;
    }
}
