using Fennec.Detection.PortWindows;

namespace Fennec.Detection.Tests.PortWindows;

public class DenseAutoencoderTests
{
    /// <summary>Vectors on a two-dimensional pattern (what normal windows look like), with a little noise.</summary>
    private static double[] Normal(Random random)
    {
        var a = random.NextDouble();
        var b = random.NextDouble();
        return [.. Enumerable.Range(0, 12).Select(i => Math.Clamp(0.2 + 0.3 * (i % 2 == 0 ? a : b) + 0.01 * random.NextDouble(), 0, 1))];
    }

    [Fact]
    public void It_learns_the_normal_pattern_and_reconstructs_an_unseen_one_far_worse()
    {
        var random = new Random(2);
        var training = Enumerable.Range(0, 400).Select(_ => Normal(random)).ToList();
        var autoencoder = new DenseAutoencoder(12, 8, 8);
        var untrained = training.Average(s => autoencoder.Score(s));
        var loss = autoencoder.Train(training, epochs: 150);

        loss.Should().BeLessThan(untrained / 5);
        var normal = Enumerable.Range(0, 50).Select(_ => autoencoder.Score(Normal(random))).Max();
        double[] flood = [.. Enumerable.Range(0, 12).Select(i => i == 3 ? 1.0 : 0.2)];
        autoencoder.Score(flood).Should().BeGreaterThan(3 * normal);
    }

    [Fact]
    public void Training_is_reproducible()
    {
        var random = new Random(5);
        var training = Enumerable.Range(0, 100).Select(_ => Normal(random)).ToList();
        var a = new DenseAutoencoder(12);
        var b = new DenseAutoencoder(12);
        a.Train(training, epochs: 20).Should().Be(b.Train(training, epochs: 20));
        a.Score(training[7]).Should().Be(b.Score(training[7]));
    }

    [Fact]
    public void Wrong_sizes_are_refused()
    {
        var autoencoder = new DenseAutoencoder(4);
        var act = () => autoencoder.Score(new double[5]);
        act.Should().Throw<ArgumentException>().WithMessage("expected 4 values*");
        var empty = () => autoencoder.Train([]);
        empty.Should().Throw<ArgumentException>();
    }
}
