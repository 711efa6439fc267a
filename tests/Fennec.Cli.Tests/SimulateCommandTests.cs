using Fennec.Packets.Capture;
using static Fennec.Cli.Tests.CliRunner;

namespace Fennec.Cli.Tests;

public class SimulateCommandTests
{
    private static string TempPath(string extension) => Path.Combine(Path.GetTempPath(), $"fennec-cli-{Guid.NewGuid():N}{extension}");

    [Fact]
    public void Writes_a_capture_and_its_labels_and_reports_the_speed()
    {
        var pcap = TempPath(".pcap");
        var labels = TempPath(".csv");
        try
        {
            var result = Run("simulate", "--hours", "26", "--hosts", "6", "--seed", "4", "--intensity", "0.05", "--attacks", "portscan,newcountry",
                "--out", pcap, "--labels", labels);
            result.ExitCode.Should().Be(0, result.Error);
            result.Error.Should().MatchRegex(@"fennec simulate: \d+ packets, \d+ bytes, 26 h of 6 hosts in 10\.0\.0\.0/16, 2 attacks; [\d.]+ s, \d+ MB/s\.");
            result.Error.Should().Contain("portscan").And.Contain("newcountry");

            var rows = File.ReadAllLines(labels);
            rows[0].Should().Be("attack,start,end,start_ns,end_ns,attacker,victim,victim_port,packets,description");
            rows.Skip(1).Select(r => r.Split(',')[0]).Should().BeEquivalentTo("portscan", "newcountry");
            rows.Skip(1).Should().OnlyContain(r => r.Contains("2026-01-06T", StringComparison.Ordinal));

            using var reader = CaptureReader.Open(pcap);
            var packets = 0L;
            while (reader.TryRead(out _))
                packets++;
            result.Error.Should().Contain($"{packets} packets, {new FileInfo(pcap).Length} bytes");
        }
        finally
        {
            File.Delete(pcap);
            File.Delete(labels);
        }
    }

    [Theory]
    [InlineData("--attacks", "portscan,dos", "unknown attack 'dos'")]
    [InlineData("--hours", "0", "--hours must be between 1")]
    [InlineData("--hosts", "3", "--hosts must be between 5")]
    [InlineData("--intensity", "-1", "--intensity must be a positive number")]
    [InlineData("--snaplen", "10", "--snaplen must be 0")]
    [InlineData("--start", "yesterday", "is not an ISO-8601 time")]
    public void Bad_values_are_usage_errors_that_name_the_value(string option, string value, string expected)
    {
        var result = Run("simulate", option, value, "--out", TempPath(".pcap"));
        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(expected);
    }

    [Fact]
    public void An_unknown_attack_lists_the_valid_ones()
    {
        var result = Run("simulate", "--attacks", "synflod", "--out", TempPath(".pcap"));
        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("synflod").And.Contain("portscan, synflood, bruteforce, exfiltration, newcountry, udpamp, all, none");
    }

    [Fact]
    public void Attacks_in_too_short_a_capture_are_a_usage_error()
    {
        var result = Run("simulate", "--hours", "2", "--out", TempPath(".pcap"));
        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("attacks need at least 4 hours");
    }

    [Fact]
    public void Out_is_required()
    {
        var result = Run("simulate", "--hours", "1", "--attacks", "none");
        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--out");
    }

    [Fact]
    public void An_unwritable_output_is_exit_3_naming_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "x.pcap");
        var result = Run("simulate", "--hours", "1", "--attacks", "none", "--out", path);
        result.ExitCode.Should().Be(3);
        result.Error.Should().Contain($"cannot write {path}");
    }

    [Fact]
    public void An_unwritable_label_file_is_exit_3_naming_it()
    {
        var pcap = TempPath(".pcap");
        var labels = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "x.csv");
        try
        {
            var result = Run("simulate", "--hours", "1", "--hosts", "5", "--intensity", "0.1", "--attacks", "none", "--out", pcap, "--labels", labels);
            result.ExitCode.Should().Be(3);
            result.Error.Should().Contain($"cannot write {labels}");
        }
        finally
        {
            File.Delete(pcap);
        }
    }
}
