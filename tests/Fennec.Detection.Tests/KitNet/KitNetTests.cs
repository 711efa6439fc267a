using Fennec.Detection.KitNet;
using Fennec.TestSupport;

namespace Fennec.Detection.Tests.KitNet;

using KitNet = Fennec.Detection.KitNet.KitNet;

public class KitNetTests
{
    private const int Features = 12;

    private static readonly KitNetOptions Small = new() { MaxAutoencoderSize = 4, FeatureMapGrace = 30, AnomalyDetectorGrace = 50 };

    [Fact]
    public void Vectors_0_to_FM_map_then_AD_vectors_train_and_FM_plus_AD_plus_1_is_the_first_scored()
    {
        var kitnet = new KitNet(Features, Small);
        var data = Data(200, 1);
        kitnet.LastTrainingScore.Should().Be(double.NaN);
        for (var p = 0; p < data.Length; p++)
        {
            var expectedPhase = p <= 30 ? KitNetPhase.MappingFeatures : p <= 80 ? KitNetPhase.Training : KitNetPhase.Executing;
            kitnet.Phase.Should().Be(expectedPhase, $"before vector {p}");
            if (p == 81)
            {
                kitnet.Mapper!.Count.Should().Be(31);
                kitnet.Ensemble.Should().OnlyContain(a => a.TrainCount == 50);
                kitnet.Output!.TrainCount.Should().Be(50);
            }

            var score = kitnet.Process(data[p]);
            kitnet.Processed.Should().Be(p + 1);
            if (p <= 80)
                score.Should().Be(0);
            else
                score.Should().BePositive();
            if (p < 30)
                kitnet.FeatureMap.Should().BeNull();
            else
                kitnet.FeatureMap.Should().NotBeNull();
            if (p <= 30)
                kitnet.LastTrainingScore.Should().Be(double.NaN);
            else
                kitnet.LastTrainingScore.Should().NotBe(double.NaN);
        }

        kitnet.FeatureMap!.SelectMany(c => c).Order().Should().Equal(Enumerable.Range(0, Features));
        kitnet.FeatureMap!.Should().OnlyContain(c => c.Length <= 4);
        kitnet.Ensemble.Should().HaveCount(kitnet.FeatureMap!.Length);
        kitnet.Output!.Visible.Should().Be(kitnet.Ensemble.Count);
    }

    [Fact]
    public void A_given_map_skips_mapping_and_every_grace_vector_trains()
    {
        int[][] map = [[0, 5, 2], [11, 1], [3, 4, 6, 7], [8, 9, 10]];
        var kitnet = new KitNet(Features, Small, map);
        kitnet.Mapper.Should().BeNull();
        kitnet.Phase.Should().Be(KitNetPhase.Training);
        var data = Data(100, 2);
        for (var p = 0; p <= 80; p++)
            kitnet.Process(data[p]).Should().Be(0);
        kitnet.Phase.Should().Be(KitNetPhase.Executing);
        kitnet.Ensemble.Should().OnlyContain(a => a.TrainCount == 81);
        kitnet.Process(data[81]).Should().BePositive();
        kitnet.FeatureMap.Should().BeEquivalentTo(map, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Training_and_scoring_equal_hand_assembled_autoencoders()
    {
        int[][] map = [[3, 1], [0, 2, 4, 5, 6], [7], [8, 9, 10, 11]];
        var kitnet = new KitNet(Features, Small, map);
        var ensemble = map.Select(c => new Autoencoder(c.Length, 0.75, 0.1)).ToArray();
        var output = new Autoencoder(map.Length, 0.75, 0.1);
        var data = Data(150, 3);
        var scores = new double[map.Length];
        for (var p = 0; p < data.Length; p++)
        {
            var training = p <= 80;
            for (var a = 0; a < map.Length; a++)
            {
                var x = map[a].Select(i => data[p][i]).ToArray();
                scores[a] = training ? ensemble[a].Train(x) : ensemble[a].Execute(x);
            }

            var expected = training ? output.Train(scores) : output.Execute(scores);
            var actual = kitnet.Process(data[p]);
            kitnet.LastEnsembleScores.ToArray().Should().Equal(scores);
            if (training)
            {
                actual.Should().Be(0);
                kitnet.LastTrainingScore.Should().Be(expected);
            }
            else
            {
                actual.Should().Be(expected);
            }
        }
    }

    [Fact]
    public void Feature_map_grace_defaults_to_the_training_grace_when_null()
    {
        var options = Small with { FeatureMapGrace = null };
        options.EffectiveFeatureMapGrace.Should().Be(50);
        options.FirstScoredIndex.Should().Be(101);
        var kitnet = new KitNet(Features, options);
        foreach (var x in Data(51, 4))
            kitnet.Process(x);
        kitnet.Phase.Should().Be(KitNetPhase.Training);
        kitnet.Mapper!.Count.Should().Be(51);
    }

    [Fact]
    public void A_restored_detector_scores_exactly_like_the_original()
    {
        var original = new KitNet(Features, Small);
        var data = Data(300, 5);
        for (var p = 0; p < 120; p++)
            original.Process(data[p]);

        var restored = Restore(original);
        restored.Phase.Should().Be(KitNetPhase.Executing);
        restored.Processed.Should().Be(120);
        for (var p = 120; p < data.Length; p++)
        {
            var expected = original.Process(data[p]);
            restored.Process(data[p]).Should().Be(expected);
            restored.Execute(data[p]).Should().Be(expected);
            restored.LastEnsembleScores.ToArray().Should().Equal(original.LastEnsembleScores.ToArray());
        }
    }

    [Fact]
    public void A_detector_restored_during_training_goes_on_training_like_the_original()
    {
        var original = new KitNet(Features, Small);
        var data = Data(200, 6);
        for (var p = 0; p < 50; p++)
            original.Process(data[p]);
        original.Phase.Should().Be(KitNetPhase.Training);

        var restored = Restore(original);
        restored.Phase.Should().Be(KitNetPhase.Training);
        for (var p = 50; p < data.Length; p++)
        {
            restored.Process(data[p]).Should().Be(original.Process(data[p]));
            restored.Phase.Should().Be(original.Phase);
        }
    }

    [Fact]
    public void Restore_copies_the_autoencoders()
    {
        var original = new KitNet(Features, Small);
        foreach (var x in Data(100, 7))
            original.Process(x);
        var restored = Restore(original);
        restored.Ensemble[0].Should().NotBeSameAs(original.Ensemble[0]);
        restored.Output.Should().NotBeSameAs(original.Output);
    }

    [Fact]
    public void Restore_rejects_parts_that_do_not_fit()
    {
        var original = new KitNet(Features, Small);
        foreach (var x in Data(100, 8))
            original.Process(x);
        var map = original.FeatureMap!;
        var act = () => KitNet.Restore(Features, Small, map, original.Ensemble.Skip(1).ToArray(), original.Output!, 100);
        act.Should().Throw<ArgumentException>().WithParameterName("ensemble");
        var wrongOutput = () => KitNet.Restore(Features, Small, map, original.Ensemble, new Autoencoder(map.Length + 1, 0.75, 0.1), 100);
        wrongOutput.Should().Throw<ArgumentException>().WithParameterName("output");
    }

    [Fact]
    public void Execute_needs_trained_autoencoders_and_does_not_count()
    {
        var kitnet = new KitNet(Features, Small);
        var data = Data(100, 9);
        var early = () => kitnet.Execute(data[0]);
        early.Should().Throw<InvalidOperationException>();
        foreach (var x in data)
            kitnet.Process(x);
        var processed = kitnet.Processed;
        kitnet.Execute(data[0]).Should().Be(kitnet.Execute(data[0]));
        kitnet.Processed.Should().Be(processed);
    }

    [Fact]
    public void Processing_allocates_nothing_once_the_autoencoders_exist()
    {
        var kitnet = new KitNet(Features, Small);
        var data = Data(400, 10);
        for (var p = 0; p < 40; p++)
            kitnet.Process(data[p]);
        Allocations.Measure(() =>
        {
            for (var p = 40; p < 80; p++)
                kitnet.Process(data[p]);
        }).Should().Be(0, "training");
        for (var p = 80; p < 100; p++)
            kitnet.Process(data[p]);
        Allocations.Measure(() =>
        {
            for (var p = 100; p < 400; p++)
                kitnet.Process(data[p]);
        }).Should().Be(0, "scoring");
    }

    [Fact]
    public void Blocks_of_one_to_four_score_and_count_exactly_as_one_at_a_time()
    {
        var single = new KitNet(Features, Small);
        var blocks = new KitNet(Features, Small);
        var data = Data(400, 12);
        var p = 0;
        for (; p < 81; p++)
        {
            single.Process(data[p]);
            blocks.Process(data[p]);
        }

        if (!KitNet.CanScoreBlocks)
        {
            var refused = () => blocks.ExecuteBlock(data[p], 1, new double[1], new double[blocks.Ensemble.Count]);
            refused.Should().Throw<InvalidOperationException>().WithMessage("*AVX2*");
            return;
        }

        var members = blocks.Ensemble.Count;
        var expectedMembers = new double[KitNet.BlockSize][];
        var count = 1;
        while (p + count <= data.Length)
        {
            var vectors = data.Skip(p).Take(count).SelectMany(v => v).ToArray();
            var scores = new double[count];
            var memberScores = new double[count * members];
            blocks.ExecuteBlock(vectors, count, scores, memberScores);
            for (var k = 0; k < count; k++)
            {
                scores[k].Should().Be(single.Process(data[p + k]), $"vector {p + k} in a block of {count}");
                expectedMembers[k] = single.LastEnsembleScores.ToArray();
                memberScores.AsSpan(k * members, members).ToArray().Should().Equal(expectedMembers[k]);
            }

            blocks.Processed.Should().Be(single.Processed);

            // Each vector's members can be brought back for explaining it, output layer included.
            for (var k = 0; k < count; k++)
            {
                blocks.Recall(memberScores.AsSpan(k * members, members));
                blocks.LastEnsembleScores.ToArray().Should().Equal(expectedMembers[k]);
                single.Output!.ExecuteUnchecked(expectedMembers[k]);
                blocks.Output!.LastSquaredErrors.ToArray().Should().Equal(single.Output.LastSquaredErrors.ToArray());
            }

            p += count;
            count = (count % KitNet.BlockSize) + 1;
        }

        var tooMany = () => blocks.ExecuteBlock(data[0].Concat(data[1]).Concat(data[2]).Concat(data[3]).Concat(data[4]).ToArray(), 5, new double[5], new double[5 * members]);
        tooMany.Should().Throw<ArgumentOutOfRangeException>();
        var tooShort = () => blocks.ExecuteBlock(data[0], 2, new double[2], new double[2 * members]);
        tooShort.Should().Throw<ArgumentException>().WithMessage("*24 features*");
        var learning = () => new KitNet(Features, Small).ExecuteBlock(data[0], 1, new double[1], new double[1]);
        learning.Should().Throw<InvalidOperationException>().WithMessage("*executing phase*");
    }

    [Fact]
    public void Scoring_blocks_allocates_nothing_after_the_first()
    {
        var kitnet = new KitNet(Features, Small);
        var data = Data(200, 13);
        for (var p = 0; p < 81; p++)
            kitnet.Process(data[p]);
        if (!KitNet.CanScoreBlocks)
            return; // Refusal tested above.
        var vectors = data.Skip(81).Take(4).SelectMany(v => v).ToArray();
        var scores = new double[4];
        var members = new double[4 * kitnet.Ensemble.Count];
        kitnet.ExecuteBlock(vectors, 4, scores, members);
        Allocations.Measure(() =>
        {
            for (var round = 0; round < 100; round++)
                kitnet.ExecuteBlock(vectors, 1 + (round % 4), scores, members);
        }).Should().Be(0);
    }

    [Fact]
    public void Wrong_inputs_and_maps_are_rejected()
    {
        var kitnet = new KitNet(Features, Small);
        var shortVector = () => kitnet.Process(new double[Features - 1]);
        shortVector.Should().Throw<ArgumentException>().WithParameterName("x");
        var outside = () => new KitNet(Features, Small, [[0, 12]]);
        outside.Should().Throw<ArgumentException>().WithMessage("*feature 12*");
        var empty = () => new KitNet(Features, Small, [[0], []]);
        empty.Should().Throw<ArgumentException>().WithMessage("*cluster 1*empty*");
        var none = () => new KitNet(Features, Small, []);
        none.Should().Throw<ArgumentException>();
        var noFeatures = () => new KitNet(0, Small);
        noFeatures.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void The_feature_map_property_is_a_copy()
    {
        var kitnet = new KitNet(Features, Small, [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]]);
        kitnet.FeatureMap![0][0] = 11;
        kitnet.FeatureMap![0][0].Should().Be(0);
    }

    private static KitNet Restore(KitNet original) =>
        KitNet.Restore(original.FeatureCount, original.Options, original.FeatureMap!, original.Ensemble, original.Output!, original.Processed);

    // Correlated groups of features with noise, so the map has structure.
    private static double[][] Data(int count, int seed)
    {
        var random = new Random(seed);
        var data = new double[count][];
        for (var p = 0; p < count; p++)
        {
            var a = random.NextDouble();
            var b = random.NextDouble() * 100;
            var c = random.NextDouble() - 0.5;
            data[p] = new double[Features];
            for (var i = 0; i < Features; i++)
            {
                var source = (i % 3) switch { 0 => a, 1 => b, _ => c };
                data[p][i] = (source * (i + 1)) + (random.NextDouble() * 0.01);
            }
        }

        return data;
    }
}
