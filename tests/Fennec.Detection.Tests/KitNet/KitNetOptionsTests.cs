using Fennec.Detection.KitNet;

namespace Fennec.Detection.Tests.KitNet;

using KitNet = Fennec.Detection.KitNet.KitNet;

public class KitNetOptionsTests
{
    [Fact]
    public void Defaults_are_those_of_the_reference_example()
    {
        var options = new KitNetOptions();
        options.MaxAutoencoderSize.Should().Be(10);
        options.FeatureMapGrace.Should().Be(5_000);
        options.AnomalyDetectorGrace.Should().Be(50_000);
        options.LearningRate.Should().Be(0.1);
        options.HiddenRatio.Should().Be(0.75);
        options.FirstScoredIndex.Should().Be(55_001);
        options.Validate();
    }

    public static TheoryData<KitNetOptions, string> Invalid => new()
    {
        { new KitNetOptions { MaxAutoencoderSize = 0 }, nameof(KitNetOptions.MaxAutoencoderSize) },
        { new KitNetOptions { MaxAutoencoderSize = -3 }, nameof(KitNetOptions.MaxAutoencoderSize) },
        { new KitNetOptions { FeatureMapGrace = -1 }, nameof(KitNetOptions.FeatureMapGrace) },
        { new KitNetOptions { AnomalyDetectorGrace = 0 }, nameof(KitNetOptions.AnomalyDetectorGrace) },
        { new KitNetOptions { AnomalyDetectorGrace = long.MaxValue }, nameof(KitNetOptions.AnomalyDetectorGrace) },
        { new KitNetOptions { LearningRate = 0 }, nameof(KitNetOptions.LearningRate) },
        { new KitNetOptions { LearningRate = -0.1 }, nameof(KitNetOptions.LearningRate) },
        { new KitNetOptions { LearningRate = double.NaN }, nameof(KitNetOptions.LearningRate) },
        { new KitNetOptions { LearningRate = double.PositiveInfinity }, nameof(KitNetOptions.LearningRate) },
        { new KitNetOptions { HiddenRatio = 0 }, nameof(KitNetOptions.HiddenRatio) },
        { new KitNetOptions { HiddenRatio = double.NaN }, nameof(KitNetOptions.HiddenRatio) },
        { new KitNetOptions { HiddenRatio = double.PositiveInfinity }, nameof(KitNetOptions.HiddenRatio) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_options_are_rejected_by_name(KitNetOptions options, string name)
    {
        var validate = () => options.Validate();
        validate.Should().Throw<ArgumentException>().WithParameterName(name);
        var construct = () => new KitNet(4, options);
        construct.Should().Throw<ArgumentException>().WithParameterName(name);
    }

    [Fact]
    public void A_zero_feature_map_grace_maps_on_one_vector()
    {
        var kitnet = new KitNet(3, new KitNetOptions { FeatureMapGrace = 0, AnomalyDetectorGrace = 2 });
        kitnet.Process([1, 2, 3]);
        kitnet.FeatureMap.Should().NotBeNull();
        kitnet.Phase.Should().Be(KitNetPhase.Training);
    }
}
