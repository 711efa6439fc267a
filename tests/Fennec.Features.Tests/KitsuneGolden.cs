using System.Globalization;
using System.IO.Compression;
using Fennec.Features.Kitsune;
using Fennec.TestSupport;

namespace Fennec.Features.Tests;

/// <summary>The reference's outputs on one capture (../shared/reference/kitsune/golden/NAME).</summary>
internal sealed class KitsuneGolden
{
    public static readonly TheoryData<string> Captures = new() { "networkml_ip6", "ppa_ftp_crack", "kitsune_mirai_prefix" };

    private KitsuneGolden(string name) => Folder = Path.Combine(SharedData.RequireReference(), "kitsune", "golden", name);

    public string Folder { get; }

    public static KitsuneGolden Load(string name) => new(name);

    /// <summary>The capture the golden outputs were made from, when it is a pcap (mirai is TSV only).</summary>
    public string? CapturePath(string name)
    {
        var path = Path.Combine(SharedData.RequireReference(), "kitsune", "captures", name + ".pcap");
        return File.Exists(path) ? path : null;
    }

    public string InputTsv => Path.Combine(Folder, "input.tsv.gz");

    /// <summary>The nine parsed fields per packet, as the reference's extractor handed them to AfterImage.</summary>
    public List<string[]> ParsedFields()
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(Folder, "parsed_fields.tsv.gz")), CompressionMode.Decompress));
        reader.ReadLine();
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
            rows.Add(line.Split('\t'));
        return rows;
    }

    public static PacketFields ToFields(string[] row)
    {
        var fields = new PacketFields
        {
            FrameLength = int.Parse(row[8], CultureInfo.InvariantCulture),
            Timestamp = double.Parse(row[9], CultureInfo.InvariantCulture),
        };
        fields.SrcMac.TrySet(row[2]);
        fields.DstMac.TrySet(row[3]);
        fields.SrcIp.TrySet(row[4]);
        fields.SrcProto.TrySet(row[5]);
        fields.DstIp.TrySet(row[6]);
        fields.DstProto.TrySet(row[7]);
        return fields;
    }

    /// <summary>All features, row-major, 100 per packet.</summary>
    public double[] AllFeatures()
    {
        using var stream = new GZipStream(File.OpenRead(Path.Combine(Folder, "features_all.f64le.gz")), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        var values = new double[bytes.Length / 8];
        Buffer.BlockCopy(bytes, 0, values, 0, values.Length * 8);
        return values;
    }

    /// <summary>The header and rows of features_first5000.csv (packet index first).</summary>
    public (string[] Header, List<double[]> Rows) FirstFeatures()
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "features_first5000.csv"));
        var rows = lines.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        return (lines[0].Split(','), rows);
    }
}
