using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Fennec.TestSupport;
using static Fennec.Cli.Tests.CliRunner;

namespace Fennec.Cli.Tests;

public sealed class KitsuneCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fennec-kitsune-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Out(string name) => Path.Combine(_folder, name);

    private static string Golden(string capture, string file) =>
        Path.Combine(SharedData.RequireReference(), "kitsune", "golden", capture, file);

    private static string GoldenCapture(string capture) =>
        Path.Combine(SharedData.RequireReference(), "kitsune", "captures", capture + ".pcap");

    private static double[] ReadColumn(string path) =>
        [.. File.ReadLines(path).Skip(1).Select(l => double.Parse(l, CultureInfo.InvariantCulture))];

    [CorpusFact]
    public void Features_and_scores_of_a_capture_equal_the_reference()
    {
        var result = Run("kitsune", GoldenCapture("ppa_ftp_crack"), "--fm-grace", "1000", "--ad-grace", "10000",
            "--features", Out("f.csv"), "--scores", Out("s.csv"), "--alerts", Out("a.jsonl"));
        result.ExitCode.Should().Be(0, result.Error);
        result.Error.Should().Contain("19730 packets (1001 mapping features, 10000 training, 8729 scored)");

        var expectedScores = ReadColumn(Golden("ppa_ftp_crack", "rmse.csv"));
        var scores = ReadColumn(Out("s.csv"));
        scores.Should().HaveCount(expectedScores.Length);
        for (var i = 0; i < scores.Length; i++)
        {
            if (expectedScores[i] == 0)
                scores[i].Should().Be(0);
            else
                (Math.Abs(scores[i] - expectedScores[i]) / expectedScores[i]).Should().BeLessThan(1e-9, $"packet {i}");
        }

        using var raw = new GZipStream(File.OpenRead(Golden("ppa_ftp_crack", "features_all.f64le.gz")), CompressionMode.Decompress);
        using var binary = new BinaryReader(raw);
        var lines = File.ReadLines(Out("f.csv")).ToList();
        lines[0].Split(',').Should().HaveCount(100).And.StartWith("MI_dir_5_weight");
        for (var i = 1; i < lines.Count; i++)
        {
            var values = lines[i].Split(',');
            for (var c = 0; c < 100; c++)
            {
                var expected = binary.ReadDouble();
                BitConverter.DoubleToInt64Bits(double.Parse(values[c], CultureInfo.InvariantCulture))
                    .Should().Be(BitConverter.DoubleToInt64Bits(expected), $"packet {i - 1} column {c}");
            }
        }

        foreach (var line in File.ReadLines(Out("a.jsonl")))
        {
            using var alert = JsonDocument.Parse(line);
            var root = alert.RootElement;
            root.GetProperty("probability").GetDouble().Should().BeLessThan(0.001);
            root.GetProperty("score").GetDouble().Should().BeGreaterThan(root.GetProperty("threshold").GetDouble());
            root.GetProperty("members").GetArrayLength().Should().BeInRange(1, 3);
            root.GetProperty("streams").GetProperty("socket").GetString().Should().NotBeNullOrEmpty();
        }
    }

    [CorpusFact]
    public void The_tsv_input_gives_the_reference_scores()
    {
        var tsv = Path.Combine(SharedData.RequireCorpus(), "kitsune-mirai-tsv", "mirai.pcap.tsv");
        var result = Run("kitsune", tsv, "--fm-grace", "5000", "--ad-grace", "25000", "--scores", Out("s.csv"), "--alerts", Out("a.jsonl"));
        result.ExitCode.Should().Be(0, result.Error);
        result.Error.Should().Contain("the last line was cut short and skipped");
        var expected = ReadColumn(Golden("kitsune_mirai_prefix", "rmse.csv"));
        var scores = ReadColumn(Out("s.csv"));
        scores.Should().HaveCount(expected.Length);
        scores.Zip(expected).Should().OnlyContain(p => p.Second == 0 ? p.First == 0 : Math.Abs(p.First - p.Second) <= 1e-9 * p.Second);
    }

    [CorpusFact]
    public void A_saved_model_scores_new_traffic_without_training()
    {
        var capture = GoldenCapture("ppa_ftp_crack");
        var train = Run("kitsune", capture, "--fm-grace", "1000", "--ad-grace", "10000", "--calibration", "1000", "--save-model", Out("m.bin"), "--alerts", Out("a1.jsonl"));
        train.ExitCode.Should().Be(0, train.Error);
        train.Error.Should().Contain("saved the detector to");

        var score = Run("kitsune", capture, "--model", Out("m.bin"), "--fresh-statistics", "--scores", Out("s.csv"), "--alerts", Out("a2.jsonl"));
        score.ExitCode.Should().Be(0, score.Error);
        score.Error.Should().Contain("loaded").And.Contain("19730 packets (0 mapping features, 0 training, 19730 scored)");
        ReadColumn(Out("s.csv")).Should().HaveCount(19730).And.OnlyContain(s => s > 0);
    }

    [Fact]
    public void Saving_a_model_before_the_map_exists_is_an_error_that_says_why()
    {
        var capture = TempFile(CaptureFiles.Pcap(1, [new TestFrame(Frames.Ethernet(0x0800, Frames.IPv4("10.0.0.1", "10.0.0.2", 17, Frames.Udp(1, 2, new byte[4]))), 1_000_000_000)]));
        try
        {
            var result = Run("kitsune", capture, "--save-model", Out("m.bin"));
            result.ExitCode.Should().Be(ExitCodes.CannotOpen);
            result.Error.Should().Contain("cannot save the model").And.Contain("after 5001 packets; 1 were processed");
            result.Error.Should().Contain("still learning");
            File.Exists(Out("m.bin")).Should().BeFalse();
        }
        finally
        {
            File.Delete(capture);
        }
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused()
    {
        File.WriteAllText(Out("bad.bin"), "not a model");
        var result = Run("kitsune", Out("bad.bin"), "--model", Out("bad.bin"));
        result.ExitCode.Should().Be(ExitCodes.CannotOpen);
        result.Error.Should().Contain("not a Fennec Kitsune model");
    }

    [Fact]
    public void A_missing_input_is_reported()
    {
        var result = Run("kitsune", Out("absent.pcap"));
        result.ExitCode.Should().Be(ExitCodes.CannotOpen);
        result.Error.Should().Contain("cannot open").And.Contain("absent.pcap");
    }

    [Theory]
    [InlineData("--p", "2")]
    [InlineData("--ad-grace", "0")]
    [InlineData("--max-streams", "1")]
    [InlineData("--learning-rate", "-1")]
    [InlineData("--threshold", "median")]
    public void Wrong_options_are_usage_errors(string option, string value)
    {
        var result = Run("kitsune", "x.pcap", option, value);
        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain(option.TrimStart('-').Split('-')[0]);
    }

    [Fact]
    public void A_limit_stops_after_exactly_that_many_packets()
    {
        var frames = Enumerable.Range(0, 50)
            .Select(i => new TestFrame(Frames.Ethernet(0x0800, Frames.IPv4("10.0.0.1", "10.0.0.2", 17, Frames.Udp(1000, 53, new byte[20]))), 1_000_000_000L + (i * 1_000_000L)))
            .ToArray();
        var capture = TempFile(CaptureFiles.Pcap(1, frames));
        try
        {
            // Past training, and not a whole number of the blocks that scoring takes.
            var result = Run("kitsune", capture, "--fm-grace", "5", "--ad-grace", "10", "--limit", "43", "--scores", Out("s.csv"));
            result.ExitCode.Should().Be(ExitCodes.Success);
            result.Error.Should().Contain("43 packets (6 mapping features, 10 training, 27 scored)");
            ReadColumn(Out("s.csv")).Should().HaveCount(43);
        }
        finally
        {
            File.Delete(capture);
        }
    }

    [Fact]
    public void A_truncated_capture_scores_what_was_readable_and_says_where_it_ends()
    {
        var frames = Enumerable.Range(0, 50)
            .Select(i => new TestFrame(Frames.Ethernet(0x0800, Frames.IPv4("10.0.0.1", "10.0.0.2", 17, Frames.Udp(1000, 53, new byte[20]))), 1_000_000_000L + (i * 1_000_000L)))
            .ToArray();
        var bytes = CaptureFiles.Pcap(1, frames);
        var capture = TempFile(bytes[..^10]);
        try
        {
            var result = Run("kitsune", capture, "--fm-grace", "5", "--ad-grace", "10", "--scores", Out("s.csv"));
            result.ExitCode.Should().Be(ExitCodes.DamagedInput);
            result.Error.Should().Contain(capture).And.Contain("the 49 packets before it were scored");
            ReadColumn(Out("s.csv")).Should().HaveCount(49);
        }
        finally
        {
            File.Delete(capture);
        }
    }
}
