using Fennec.Detection.KitNet;
using Fennec.Detection.Kitsune;
using Fennec.Detection.Tests.KitNet;
using Fennec.Detection.Thresholds;
using Fennec.Features.Kitsune;
using Fennec.TestSupport;
using Xunit.Abstractions;

namespace Fennec.Detection.Tests.Kitsune;

public sealed class KitsuneDetectorTests(ITestOutputHelper output)
{
    private static List<PacketFields> ReadInput(GoldenCapture golden)
    {
        using var source = KitsunePacketSource.Open(golden.File("input.tsv.gz"));
        var packets = new List<PacketFields>();
        while (true)
        {
            var fields = new PacketFields();
            if (!source.TryRead(fields))
                return packets;
            packets.Add(fields);
        }
    }

    [CorpusTheory]
    [InlineData("networkml_ip6")]
    [InlineData("ppa_ftp_crack")]
    [InlineData("kitsune_mirai_prefix")]
    public void End_to_end_scores_match_the_reference(string capture)
    {
        var golden = GoldenCapture.Get(capture);
        var expected = golden.Scores();
        var detector = new KitsuneDetector(new KitsuneOptions { KitNet = golden.Options });
        var packets = ReadInput(golden);
        packets.Should().HaveCount(expected.Length);
        var worst = 0.0;
        for (var i = 0; i < packets.Count; i++)
        {
            var result = detector.Process(packets[i]);
            result.Index.Should().Be(i);
            if (expected[i] == 0)
                result.Score.Should().Be(0, $"packet {i} is in a grace period");
            else
                worst = Math.Max(worst, GoldenCapture.Relative(result.Score, expected[i]));
        }

        worst.Should().BeLessThan(1e-9);
        detector.Threshold.Should().NotBeNull();
        output.WriteLine($"{capture}: largest relative difference {worst:E2}; threshold {detector.Threshold}");
    }

    [CorpusFact]
    public void A_saved_detector_scores_the_rest_exactly_as_the_one_that_went_on()
    {
        var golden = GoldenCapture.Get("ppa_ftp_crack");
        var packets = ReadInput(golden);
        var original = new KitsuneDetector(new KitsuneOptions { KitNet = golden.Options });
        for (var i = 0; i < 15_000; i++)
            original.Process(packets[i]);

        using var memory = new MemoryStream();
        original.Save(memory);
        memory.Position = 0;
        var loaded = KitsuneDetector.Load(memory);
        loaded.Threshold.Should().Be(original.Threshold);
        for (var i = 15_000; i < packets.Count; i++)
        {
            var a = original.Process(packets[i]);
            var b = loaded.Process(packets[i]);
            b.Should().Be(a, $"packet {i}");
        }

        output.WriteLine($"model with statistics: {memory.Length} bytes");
    }

    [CorpusFact]
    public void Packets_in_blocks_get_the_features_results_and_explanations_of_packets_one_by_one()
    {
        var golden = GoldenCapture.Get("ppa_ftp_crack");
        var packets = ReadInput(golden);
        var options = new KitsuneOptions { KitNet = golden.Options };
        var single = new KitsuneDetector(options);
        var blocks = new KitsuneDetector(options);
        var results = new KitsuneResult[KitsuneDetector.BlockSize];
        var explained = 0;

        // Blocks of every size, one of them across the end of training.
        var size = 1;
        for (var i = 0; i < packets.Count; i += size, size = (size % KitsuneDetector.BlockSize) + 1)
        {
            var block = packets.Skip(i).Take(size).ToArray();
            blocks.Process(block, results);
            for (var k = 0; k < block.Length; k++)
            {
                var expected = single.Process(block[k]);
                results[k].Should().Be(expected, $"packet {i + k}");
                blocks.BlockFeatures(k).ToArray().Should().Equal(single.LastFeatures.ToArray(), $"packet {i + k}");
                if (!expected.IsAnomalous)
                    continue;
                var want = single.Explain(block[k], topMembers: 4);
                var got = blocks.ExplainBlock(k, block[k], topMembers: 4);
                got.Members.Should().Equal(want.Members, (a, b) => a.Member == b.Member && a.Share == b.Share && a.MemberScore == b.MemberScore);
                explained++;
            }
        }

        explained.Should().BeGreaterThan(100);
        var tooMany = () => blocks.Process(packets.Take(5).ToArray(), new KitsuneResult[5]);
        tooMany.Should().Throw<ArgumentException>().WithMessage("*at most 4*");
        var fewResults = () => blocks.Process(packets.Take(3).ToArray(), new KitsuneResult[2]);
        fewResults.Should().Throw<ArgumentException>();
    }

    [CorpusFact]
    public void An_explanation_splits_the_score_by_the_output_layers_squared_errors()
    {
        var golden = GoldenCapture.Get("ppa_ftp_crack");
        var packets = ReadInput(golden);
        var detector = new KitsuneDetector(new KitsuneOptions { KitNet = golden.Options });
        var explained = 0;
        for (var i = 0; i < packets.Count; i++)
        {
            var result = detector.Process(packets[i]);
            if (result.Phase != KitNetPhase.Executing || i % 97 != 0)
                continue;

            // The output layer's forward pass, written out plainly from the public weights.
            var layer = detector.KitNet.Output!;
            var scores = detector.KitNet.LastEnsembleScores.ToArray();
            var n = layer.Visible;
            var h = layer.Hidden;
            var w = layer.Weights;
            var x = new double[n];
            for (var v = 0; v < n; v++)
                x[v] = (scores[v] - layer.NormMin[v]) / (layer.NormMax[v] - layer.NormMin[v] + Autoencoder.RangeEpsilon);
            var hidden = new double[h];
            for (var j = 0; j < h; j++)
            {
                var sum = 0.0;
                for (var v = 0; v < n; v++)
                    sum += x[v] * w[(v * h) + j];
                hidden[j] = 1 / (1 + Math.Exp(-(sum + layer.HiddenBias[j])));
            }

            var squares = new double[n];
            for (var v = 0; v < n; v++)
            {
                var sum = 0.0;
                for (var j = 0; j < h; j++)
                    sum += hidden[j] * w[(v * h) + j];
                var e = x[v] - (1 / (1 + Math.Exp(-(sum + layer.VisibleBias[v]))));
                squares[v] = e * e;
            }

            var total = squares.Sum();
            Math.Sqrt(total / n).Should().BeApproximately(result.Score, 1e-12 * result.Score);
            var why = detector.Explain(packets[i], topMembers: n);
            why.Members.Select(m => m.Member).Should().BeEquivalentTo(Enumerable.Range(0, n));
            why.Members.Select(m => m.Share).Should().BeInDescendingOrder();
            foreach (var m in why.Members)
            {
                m.Share.Should().Be(squares[m.Member] / total, $"packet {i}, member {m.Member}");
                m.MemberScore.Should().Be(scores[m.Member]);
            }

            why.SocketKey.Should().Be($"{packets[i].SrcIp} {packets[i].SrcProto} -> {packets[i].DstIp} {packets[i].DstProto}");
            explained++;
        }

        explained.Should().BeGreaterThan(50);
    }

    [CorpusFact]
    public void A_detector_saved_during_training_goes_on_training_and_fits_the_same_threshold()
    {
        var golden = GoldenCapture.Get("ppa_ftp_crack");
        var packets = ReadInput(golden);
        var original = new KitsuneDetector(new KitsuneOptions { KitNet = golden.Options });
        for (var i = 0; i < 8_000; i++)
            original.Process(packets[i]);
        original.KitNet.Phase.Should().Be(KitNetPhase.Training);

        using var memory = new MemoryStream();
        original.Save(memory);
        memory.Position = 0;
        var loaded = KitsuneDetector.Load(memory);
        for (var i = 8_000; i < 12_000; i++)
            loaded.Process(packets[i]).Should().Be(original.Process(packets[i]));
        loaded.Threshold.Should().Be(original.Threshold);
    }

    [Fact]
    public void Saving_before_the_map_exists_says_when_it_can()
    {
        var detector = new KitsuneDetector(new KitsuneOptions { KitNet = new KitNetOptions { FeatureMapGrace = 100, AnomalyDetectorGrace = 100 } });
        detector.Process(Synthetic.Packet(1, "10.0.0.1", "10.0.0.2", 1000, 80, 60));
        var act = () => detector.Save(new MemoryStream());
        act.Should().Throw<InvalidOperationException>().WithMessage("*after 101 packets; 1 were processed*");
    }

    [Theory]
    [InlineData(new byte[0], "*first bytes*")]
    [InlineData(new byte[] { 1, 2, 3 }, "*first bytes*")]
    public void A_file_that_is_not_a_model_is_refused(byte[] bytes, string message)
    {
        var act = () => KitsuneDetector.Load(new MemoryStream(bytes));
        act.Should().Throw<InvalidDataException>().WithMessage(message);
    }

    [CorpusFact]
    public void A_truncated_model_is_refused_with_a_clear_error()
    {
        var golden = GoldenCapture.Get("networkml_ip6");
        var detector = new KitsuneDetector(new KitsuneOptions { KitNet = golden.Options });
        foreach (var p in ReadInput(golden))
            detector.Process(p);
        using var memory = new MemoryStream();
        detector.Save(memory);
        var bytes = memory.ToArray();
        foreach (var cut in new[] { 20, bytes.Length / 3, bytes.Length - 1 })
        {
            var act = () => KitsuneDetector.Load(new MemoryStream(bytes[..cut]));
            act.Should().Throw<InvalidDataException>().WithMessage("*truncated*");
        }
    }

    [Fact]
    public void A_syn_flood_after_a_normal_baseline_is_flagged_where_it_happens_and_not_elsewhere()
    {
        var options = new KitsuneOptions { KitNet = new KitNetOptions { FeatureMapGrace = 1_000, AnomalyDetectorGrace = 9_000 } };
        var detector = new KitsuneDetector(options);
        var traffic = Synthetic.BaselineThenFlood(baselinePackets: 16_000, floodPackets: 2_000, after: 2_000);
        int normalScored = 0, normalFlagged = 0, flood = 0, floodFlagged = 0, afterScored = 0, afterFlagged = 0;
        foreach (var (packet, isFlood) in traffic)
        {
            var result = detector.Process(packet);
            if (result.Phase != KitNetPhase.Executing)
                continue;
            if (isFlood)
            {
                flood++;
                floodFlagged += result.IsAnomalous ? 1 : 0;
                if (result.IsAnomalous)
                {
                    var why = detector.Explain(packet);
                    why.Members.Should().NotBeEmpty();
                    why.Members.Sum(m => m.Share).Should().BeLessThanOrEqualTo(1 + 1e-12);
                    why.SocketKey.Should().Contain("192.0.2.80 80");
                }
            }
            else if (flood == 0)
            {
                normalScored++;
                normalFlagged += result.IsAnomalous ? 1 : 0;
            }
            else
            {
                // The statistics remember the flood for minutes (the slowest window halves every 100 s).
                afterScored++;
                afterFlagged += result.IsAnomalous ? 1 : 0;
            }
        }

        output.WriteLine($"flood flagged {floodFlagged}/{flood}; normal before it {normalFlagged}/{normalScored}, after it {afterFlagged}/{afterScored}; {detector.Threshold}");
        ((double)floodFlagged / flood).Should().BeGreaterThan(0.9);
        ((double)normalFlagged / normalScored).Should().BeLessThan(0.02);
    }

    [Fact]
    public void The_max_training_rule_flags_above_beta_times_the_largest_training_score()
    {
        var threshold = ScoreThreshold.Fit([0.1, 0.2, 0.4], ThresholdRule.MaxTraining, 0.001, 1.5);
        threshold.Cut.Should().BeApproximately(0.6, 1e-15);
        threshold.IsAnomalous(0.59).Should().BeFalse();
        threshold.IsAnomalous(0.61).Should().BeTrue();
        threshold.TailProbability(0.61).Should().BeInRange(0, 0.2);
    }
}
