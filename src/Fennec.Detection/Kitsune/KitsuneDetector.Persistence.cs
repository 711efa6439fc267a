using System.Text;
using Fennec.Detection.KitNet;
using Fennec.Detection.Thresholds;
using Fennec.Features.AfterImage;

namespace Fennec.Detection.Kitsune;

/// <summary>Saving a trained detector (map, weights, normalisers, threshold, statistics) and loading it to score without retraining.</summary>
public sealed partial class KitsuneDetector
{
    private static ReadOnlySpan<byte> Magic => "FENNEC-KITSUNE\n"u8;

    // 2: the statistics carry each stream's activity (what eviction ranks by) and deferred walks. Version 1 models still load.
    private const int FormatVersion = 2;

    /// <summary>Writes the detector. Possible once the feature map exists (after the first FM grace + 1 packets).</summary>
    /// <exception cref="InvalidOperationException">The feature map has not been built yet.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var map = KitNet.FeatureMap;
        if (map is null || KitNet.Output is not { } output)
        {
            throw new InvalidOperationException(
                $"a model can be saved once its feature map is built, after {Options.KitNet.EffectiveFeatureMapGrace + 1} packets; {Processed} were processed");
        }

        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        WriteOptions(writer, Options);
        writer.Write(KitNet.Processed);
        writer.Write(map.Length);
        foreach (var cluster in map)
        {
            writer.Write(cluster.Length);
            foreach (var feature in cluster)
                writer.Write(feature);
        }

        foreach (var autoencoder in KitNet.Ensemble)
            WriteAutoencoder(writer, autoencoder);
        WriteAutoencoder(writer, output);

        writer.Write(Threshold is not null);
        if (Threshold is { } t)
        {
            writer.Write((int)t.Rule);
            writer.Write(t.Probability);
            writer.Write(t.Beta);
            writer.Write(t.LogMean);
            writer.Write(t.LogStd);
            writer.Write(t.MaxTrainingScore);
            writer.Write(t.TrainingScores);
        }

        writer.Write(_trainingScores.Count);
        foreach (var score in _trainingScores)
            writer.Write(score);
        Extractor.Save(writer);
    }

    /// <summary>
    /// Reads a detector written by <see cref="Save"/>. It goes on where it stopped: scoring if it was trained,
    /// training otherwise. <paramref name="afterImage"/> sets new memory bounds; <paramref name="freshStatistics"/>
    /// starts the traffic statistics empty (for traffic unrelated in time to the training capture).
    /// </summary>
    /// <exception cref="InvalidDataException">The data is not a saved Kitsune detector, or is damaged.</exception>
    public static KitsuneDetector Load(Stream stream, AfterImageOptions? afterImage = null, bool freshStatistics = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            Span<byte> magic = stackalloc byte[Magic.Length];
            if (reader.Read(magic) != magic.Length || !magic.SequenceEqual(Magic))
                throw new InvalidDataException("not a Fennec Kitsune model (its first bytes are wrong)");
            var version = reader.ReadInt32();
            if (version is < 1 or > FormatVersion)
                throw new InvalidDataException($"model format version {version} is not supported (this Fennec reads versions 1 to {FormatVersion})");
            var options = ReadOptions(reader);
            if (afterImage is not null)
                options = options with { AfterImage = afterImage };
            var processed = reader.ReadInt64();
            var map = new int[Count(reader.ReadInt32(), 1024, "clusters")][];
            for (var c = 0; c < map.Length; c++)
            {
                map[c] = new int[Count(reader.ReadInt32(), AfterImageExtractor.FeatureCount, "features in a cluster")];
                for (var i = 0; i < map[c].Length; i++)
                    map[c][i] = reader.ReadInt32();
            }

            var ensemble = new Autoencoder[map.Length];
            for (var a = 0; a < ensemble.Length; a++)
                ensemble[a] = ReadAutoencoder(reader);
            var output = ReadAutoencoder(reader);
            var kitNet = Fennec.Detection.KitNet.KitNet.Restore(AfterImageExtractor.FeatureCount, options.KitNet, map, ensemble, output, processed);

            ScoreThreshold? threshold = null;
            if (reader.ReadBoolean())
            {
                threshold = new ScoreThreshold
                {
                    Rule = (ThresholdRule)reader.ReadInt32(),
                    Probability = reader.ReadDouble(),
                    Beta = reader.ReadDouble(),
                    LogMean = reader.ReadDouble(),
                    LogStd = reader.ReadDouble(),
                    MaxTrainingScore = reader.ReadDouble(),
                    TrainingScores = reader.ReadInt64(),
                };
            }

            var trainingScores = new double[Count(reader.ReadInt32(), int.MaxValue, "training scores")];
            for (var i = 0; i < trainingScores.Length; i++)
                trainingScores[i] = reader.ReadDouble();
            var extractor = AfterImageExtractor.Load(reader, options.AfterImage);
            if (freshStatistics)
                extractor = new AfterImageExtractor(options.AfterImage);
            var detector = new KitsuneDetector(options, extractor, kitNet, threshold);
            detector._trainingScores.AddRange(trainingScores);
            return detector;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the model file ends early (it is truncated)", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"the model file is inconsistent: {e.Message}", e);
        }
    }

    private static void WriteOptions(BinaryWriter writer, KitsuneOptions options)
    {
        var k = options.KitNet;
        writer.Write(k.MaxAutoencoderSize);
        writer.Write(k.FeatureMapGrace.HasValue);
        writer.Write(k.FeatureMapGrace ?? 0);
        writer.Write(k.AnomalyDetectorGrace);
        writer.Write(k.LearningRate);
        writer.Write(k.HiddenRatio);
        writer.Write((int)options.ThresholdRule);
        writer.Write(options.TailProbability);
        writer.Write(options.Beta);
        writer.Write(options.ThresholdWindow);
        writer.Write(options.CalibrationPackets ?? -1);
        var a = options.AfterImage;
        writer.Write(a.ExpiryWeight ?? 0);
        writer.Write(a.MaxStreamsPerTable ?? 0);
        writer.Write(a.SweepPerPacket);
    }

    private static KitsuneOptions ReadOptions(BinaryReader reader)
    {
        var maxAutoencoder = reader.ReadInt32();
        var hasFeatureMapGrace = reader.ReadBoolean();
        var featureMapGrace = reader.ReadInt64();
        var kitNet = new KitNetOptions
        {
            MaxAutoencoderSize = maxAutoencoder,
            FeatureMapGrace = hasFeatureMapGrace ? featureMapGrace : null,
            AnomalyDetectorGrace = reader.ReadInt64(),
            LearningRate = reader.ReadDouble(),
            HiddenRatio = reader.ReadDouble(),
        };
        var rule = (ThresholdRule)reader.ReadInt32();
        var probability = reader.ReadDouble();
        var beta = reader.ReadDouble();
        var window = reader.ReadDouble();
        var calibration = reader.ReadInt64();
        var expiry = reader.ReadDouble();
        var maxStreams = reader.ReadInt32();
        var sweep = reader.ReadInt32();
        return new KitsuneOptions
        {
            KitNet = kitNet,
            ThresholdRule = rule,
            TailProbability = probability,
            Beta = beta,
            ThresholdWindow = window,
            CalibrationPackets = calibration >= 0 ? calibration : null,
            AfterImage = new AfterImageOptions
            {
                ExpiryWeight = expiry > 0 ? expiry : null,
                MaxStreamsPerTable = maxStreams > 0 ? maxStreams : null,
                SweepPerPacket = sweep,
            },
        };
    }

    private static void WriteAutoencoder(BinaryWriter writer, Autoencoder autoencoder)
    {
        writer.Write(autoencoder.Visible);
        writer.Write(autoencoder.Hidden);
        writer.Write(autoencoder.LearningRate);
        writer.Write(autoencoder.TrainCount);
        foreach (var values in new[] { autoencoder.Weights.ToArray(), autoencoder.HiddenBias.ToArray(), autoencoder.VisibleBias.ToArray(), autoencoder.NormMin.ToArray(), autoencoder.NormMax.ToArray() })
        {
            foreach (var value in values)
                writer.Write(value);
        }
    }

    private static Autoencoder ReadAutoencoder(BinaryReader reader)
    {
        var visible = Count(reader.ReadInt32(), 1 << 16, "autoencoder inputs");
        var hidden = Count(reader.ReadInt32(), 1 << 16, "hidden units");
        var learningRate = reader.ReadDouble();
        var trainCount = reader.ReadInt64();
        var weights = Read(reader, visible * hidden);
        var hiddenBias = Read(reader, hidden);
        var visibleBias = Read(reader, visible);
        var normMin = Read(reader, visible);
        var normMax = Read(reader, visible);
        return Autoencoder.Restore(visible, hidden, learningRate, trainCount, weights, hiddenBias, visibleBias, normMin, normMax);
    }

    private static double[] Read(BinaryReader reader, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
            values[i] = reader.ReadDouble();
        return values;
    }

    private static int Count(int value, int limit, string what) =>
        value >= 0 && value <= limit ? value : throw new InvalidDataException($"the model file holds {value} {what} (at most {limit} make sense)");
}
