using System.Buffers.Binary;
using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using Fennec.Detection.KitNet;
using KitNetDetector = Fennec.Detection.KitNet.KitNet;

namespace Fennec.Benchmarks;

/// <summary>
/// KitNET per vector: one 10-input autoencoder training and scoring, and the whole detector scoring 100-feature
/// vectors (one at a time, and four at a time as the command line does) with the map and weights it learnt on ppa_ftp_crack's reference features (FM 1,000, AD 10,000), over that
/// capture's vectors after the grace periods, and training on them (every member and the output autoencoder, from
/// that map). Without the shared reference, synthetic correlated features stand in.
/// </summary>
[MemoryDiagnoser]
public class KitNetBenchmarks
{
    /// <summary>Vectors per autoencoder operation.</summary>
    public const int Vectors = 1_024;

    private const int Features = 100;
    private const string FtpCrack = "kitsune/golden/ppa_ftp_crack/features_all.f64le.gz";

    private readonly KitNetOptions _options = new() { MaxAutoencoderSize = 10, FeatureMapGrace = 1_000, AnomalyDetectorGrace = 10_000 };

    private double[] _small = null!;
    private Autoencoder _training = null!;
    private Autoencoder _trained = null!;
    private double[] _features = null!;
    private int _firstScored;
    private KitNetDetector _kitnet = null!;
    private KitNetDetector _learning = null!;
    private double[] _members = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _small = new double[Vectors * 10];
        for (var k = 0; k < _small.Length; k++)
            _small[k] = random.NextDouble() * (1 + (k % 10));
        _training = new Autoencoder(10, 0.75, 0.1);
        _trained = new Autoencoder(10, 0.75, 0.1);
        for (var v = 0; v < Vectors; v++)
            _trained.Train(_small.AsSpan(v * 10, 10));

        _features = LoadFeatures() ?? Synthetic(20_000);
        _kitnet = new KitNetDetector(Features, _options);
        var packets = _features.Length / Features;
        for (var p = 0; p < packets && _kitnet.Phase != KitNetPhase.Executing; p++)
        {
            _kitnet.Process(_features.AsSpan(p * Features, Features));
            _firstScored = p + 1;
        }

        _members = new double[KitNetDetector.BlockSize * _kitnet.Ensemble.Count];

        // The learnt map given up front, and grace periods no benchmark run gets to the end of: every vector trains.
        _learning = new KitNetDetector(Features, _options with { AnomalyDetectorGrace = 1_000_000_000 }, _kitnet.FeatureMap);
        Console.WriteLine($"// KitNET: {_kitnet.Ensemble.Count} autoencoders, {packets - _firstScored} vectors scored per operation");
    }

    [Benchmark(OperationsPerInvoke = Vectors)]
    public double AutoencoderTrain()
    {
        var sum = 0.0;
        var autoencoder = _training;
        for (var v = 0; v < Vectors; v++)
            sum += autoencoder.Train(_small.AsSpan(v * 10, 10));
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Vectors)]
    public double AutoencoderExecute()
    {
        var sum = 0.0;
        var autoencoder = _trained;
        for (var v = 0; v < Vectors; v++)
            sum += autoencoder.Execute(_small.AsSpan(v * 10, 10));
        return sum;
    }

    [Benchmark(OperationsPerInvoke = 8_729)]
    public double KitNetExecute()
    {
        // 8,729 = ppa_ftp_crack's 19,730 vectors less the 11,001 of the grace periods; the synthetic set matches it.
        var sum = 0.0;
        var kitnet = _kitnet;
        var features = _features;
        for (var p = _firstScored; p < _firstScored + 8_729; p++)
            sum += kitnet.Execute(features.AsSpan(p * Features, Features));
        return sum;
    }

    [Benchmark(OperationsPerInvoke = 8_728)]
    public double KitNetExecuteBlocks()
    {
        // The same vectors four at a time (8,728 of them, whole blocks), as `fennec kitsune` scores them.
        var sum = 0.0;
        var kitnet = _kitnet;
        var features = _features;
        Span<double> scores = stackalloc double[KitNetDetector.BlockSize];
        var members = _members;
        for (var p = _firstScored; p < _firstScored + 8_728; p += KitNetDetector.BlockSize)
        {
            kitnet.ExecuteBlock(features.AsSpan(p * Features, KitNetDetector.BlockSize * Features), KitNetDetector.BlockSize, scores, members);
            sum += scores[0] + scores[1] + scores[2] + scores[3];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = 8_729)]
    public double KitNetTrain()
    {
        var sum = 0.0;
        var kitnet = _learning;
        var features = _features;
        for (var p = _firstScored; p < _firstScored + 8_729; p++)
        {
            kitnet.Process(features.AsSpan(p * Features, Features));
            sum += kitnet.LastTrainingScore;
        }

        return sum;
    }

    private static double[]? LoadFeatures()
    {
        string? path;
        try
        {
            path = SharedCorpus.FindReference(FtpCrack);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or TypeInitializationException)
        {
            path = null;
        }

        if (path is null)
            return null;
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var values = new double[bytes.Length / 8];
        for (var k = 0; k < values.Length; k++)
            values[k] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(k * 8)..]);
        return values;
    }

    // Ten latent signals, each feature a scaled copy of one with noise, so the mapper finds clusters.
    private static double[] Synthetic(int packets)
    {
        var random = new Random(7);
        var values = new double[packets * Features];
        var latent = new double[10];
        for (var p = 0; p < packets; p++)
        {
            for (var k = 0; k < latent.Length; k++)
                latent[k] = random.NextDouble();
            for (var i = 0; i < Features; i++)
                values[(p * Features) + i] = (latent[i % 10] * (i + 1)) + (random.NextDouble() * 0.1);
        }

        return values;
    }
}
