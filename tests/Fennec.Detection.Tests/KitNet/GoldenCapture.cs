using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using Fennec.Detection.KitNet;
using Fennec.TestSupport;

namespace Fennec.Detection.Tests.KitNet;

/// <summary>The reference's outputs for one capture (shared/reference/kitsune/golden/&lt;capture&gt;), read on demand.</summary>
internal sealed class GoldenCapture
{
    public const int FeatureCount = 100;

    private GoldenCapture(string name, long featureMapGrace, long anomalyDetectorGrace)
    {
        Name = name;
        Options = new KitNetOptions
        {
            MaxAutoencoderSize = 10,
            FeatureMapGrace = featureMapGrace,
            AnomalyDetectorGrace = anomalyDetectorGrace,
            LearningRate = 0.1,
            HiddenRatio = 0.75,
        };
    }

    public string Name { get; }

    /// <summary>The parameters the goldens were made with (reference README).</summary>
    public KitNetOptions Options { get; }

    public string Folder => System.IO.Path.Combine(GoldenFolder, Name);

    public static string GoldenFolder => System.IO.Path.Combine(SharedData.RequireReference(), "kitsune", "golden");

    public static GoldenCapture Get(string name) => name switch
    {
        "networkml_ip6" => new GoldenCapture(name, 30, 150),
        "ppa_ftp_crack" => new GoldenCapture(name, 1_000, 10_000),
        "kitsune_mirai_prefix" => new GoldenCapture(name, 5_000, 25_000),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no golden outputs for this capture"),
    };

    public string File(string name) => System.IO.Path.Combine(Folder, name);

    /// <summary>All feature vectors, row-major (N×100 little-endian float64, gzip).</summary>
    public double[] Features()
    {
        using var gzip = new GZipStream(System.IO.File.OpenRead(File("features_all.f64le.gz")), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.Length % (8 * FeatureCount) != 0)
            throw new InvalidDataException($"{Name}: the feature file is not a whole number of {FeatureCount}-feature rows");
        var values = new double[bytes.Length / 8];
        for (var k = 0; k < values.Length; k++)
            values[k] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(k * 8)..]);
        return values;
    }

    /// <summary>The score of every packet (rmse.csv, after its header line).</summary>
    public double[] Scores() => [.. System.IO.File.ReadLines(File("rmse.csv")).Skip(1).Select(ParseDouble)];

    public static double ParseDouble(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Relative difference, 0 when both are equal (including both zero).</summary>
    public static double Relative(double actual, double expected) =>
        actual.Equals(expected) ? 0 : Math.Abs(actual - expected) / Math.Max(Math.Abs(actual), Math.Abs(expected));
}
