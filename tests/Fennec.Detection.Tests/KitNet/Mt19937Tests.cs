using System.Text.Json;
using Fennec.Detection.KitNet;
using Fennec.TestSupport;

namespace Fennec.Detection.Tests.KitNet;

public class Mt19937Tests
{
    [Fact]
    public void The_ten_thousandth_output_of_the_default_seed_is_the_one_cpp_requires()
    {
        // std::mt19937 (seed 5489) must give 4123659995 as its 10,000th output; the first is 3499211612.
        var random = new Mt19937(5489);
        random.NextUInt32().Should().Be(3499211612u);
        for (var i = 2; i < 10_000; i++)
            random.NextUInt32();
        random.NextUInt32().Should().Be(4123659995u);
    }

    [Fact]
    public void Doubles_are_in_the_unit_interval_with_53_bits()
    {
        var random = new Mt19937(7);
        for (var i = 0; i < 10_000; i++)
        {
            var u = random.NextDouble();
            u.Should().BeInRange(0, 1).And.BeLessThan(1);
            (u * 9007199254740992.0).Should().Be(Math.Floor(u * 9007199254740992.0));
        }
    }

    [CorpusFact]
    public void Seed_1234_gives_numpys_raw_outputs_and_random_samples()
    {
        using var golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(GoldenCapture.GoldenFolder, "dA_init_weights.json")));
        var root = golden.RootElement;
        root.GetProperty("seed").GetUInt32().Should().Be(Autoencoder.WeightSeed);

        var raw = new Mt19937(Autoencoder.WeightSeed);
        var expectedRaw = root.GetProperty("mt19937_first8_raw32").EnumerateArray().Select(e => e.GetUInt32()).ToArray();
        expectedRaw.Should().HaveCount(8);
        foreach (var expected in expectedRaw)
            raw.NextUInt32().Should().Be(expected);

        var samples = new Mt19937(Autoencoder.WeightSeed);
        var expectedSamples = root.GetProperty("random_sample_first8").EnumerateArray().Select(e => GoldenCapture.ParseDouble(e.GetString()!)).ToArray();
        expectedSamples.Should().HaveCount(8);
        foreach (var expected in expectedSamples)
            BitConverter.DoubleToInt64Bits(samples.NextDouble()).Should().Be(BitConverter.DoubleToInt64Bits(expected));
    }
}
