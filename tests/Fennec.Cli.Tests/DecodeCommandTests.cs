using System.Text.Json;
using Fennec.TestSupport;
using static Fennec.Cli.Tests.CliRunner;

namespace Fennec.Cli.Tests;

public class DecodeCommandTests : IDisposable
{
    private static readonly byte[] Syn = Frames.Ethernet(0x0800, Frames.IPv4("192.0.2.1", "198.51.100.7", 6, Frames.Tcp(40000, 443, 0x02), ttl: 61));
    private static readonly byte[] Dns6 = Frames.Ethernet(0x86DD, Frames.IPv6("2001:db8::1", "2001:db8::53", 17, Frames.Udp(5000, 53, new byte[30])));
    private static readonly byte[] Ping = Frames.Ethernet(0x8100, Frames.VlanTag(42, 0x0800, Frames.IPv4("10.0.0.1", "10.0.0.2", 1, Frames.Icmp(8, 0, new byte[8]))));

    private readonly string _capture = TempFile(CaptureFiles.Pcap(1,
    [
        new TestFrame(Syn, 1_700_000_000_000_000_001),
        new TestFrame(Dns6, 1_700_000_000_250_000_000),
        new TestFrame(Ping, 1_700_000_001_000_000_000, WireLength: 100),
    ], nanoseconds: true));

    public void Dispose()
    {
        File.Delete(_capture);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Csv_has_the_documented_columns_and_one_row_per_packet()
    {
        var result = Run("decode", _capture);
        result.ExitCode.Should().Be(0, result.Error);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        lines[0].Should().Be("ts,caplen,wirelen,src_mac,dst_mac,vlan,ethertype,ip_version,src_ip,dst_ip,protocol,ttl,src_port,dst_port,tcp_flags,icmp_type,icmp_code,payload_len,status");
        lines[1].Should().Be("1700000000.000000001,54,54,02:00:00:00:00:01,02:00:00:00:00:02,0,2048,4,192.0.2.1,198.51.100.7,6,61,40000,443,2,,,0,complete");
        lines[2].Should().Be("1700000000.250000000,92,92,02:00:00:00:00:01,02:00:00:00:00:02,0,34525,6,2001:db8::1,2001:db8::53,17,64,5000,53,,,,30,complete");
        lines[3].Should().Be("1700000001.000000000,50,100,02:00:00:00:00:01,02:00:00:00:00:02,42,2048,4,10.0.0.1,10.0.0.2,1,64,,,,8,0,8,complete");
        lines.Should().HaveCount(4);
    }

    [Fact]
    public void Json_lines_carry_the_same_fields_with_nulls_for_absent_ones()
    {
        var result = Run("decode", _capture, "--format", "jsonl");
        result.ExitCode.Should().Be(0, result.Error);
        var rows = result.Output.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rows.Should().HaveCount(3);
        rows[0].GetProperty("ts").GetDecimal().Should().Be(1700000000.000000001m);
        rows[0].GetProperty("src_ip").GetString().Should().Be("192.0.2.1");
        rows[0].GetProperty("tcp_flags").GetInt32().Should().Be(2);
        rows[0].GetProperty("icmp_type").ValueKind.Should().Be(JsonValueKind.Null);
        rows[2].GetProperty("vlan").GetInt32().Should().Be(42);
        rows[2].GetProperty("icmp_type").GetInt32().Should().Be(8);
        rows[2].GetProperty("src_port").ValueKind.Should().Be(JsonValueKind.Null);
        rows[1].GetProperty("status").GetString().Should().Be("complete");
    }

    [Fact]
    public void Limit_stops_early_and_count_prints_only_totals()
    {
        Run("decode", _capture, "--limit", "1").Output.TrimEnd('\n').Split('\n').Should().HaveCount(2);
        var totals = Run("decode", _capture, "--count");
        totals.ExitCode.Should().Be(0);
        totals.Output.Should().Contain("packets 3\n").And.Contain("captured_bytes 196\n").And.Contain("wire_bytes 246\n")
            .And.Contain("ipv6 1\n").And.Contain("complete 3\n");
    }

    [Fact]
    public void Standard_input_is_read_when_the_capture_is_a_dash()
    {
        var result = RunWithInput(File.ReadAllBytes(_capture), "decode", "-", "--count");
        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().StartWith("packets 3\n");
    }

    [Fact]
    public void A_missing_file_exits_3_naming_it()
    {
        var result = Run("decode", "/nonexistent/capture.pcap");
        result.ExitCode.Should().Be(3);
        result.Error.Should().Contain("/nonexistent/capture.pcap");
    }

    [Fact]
    public void A_damaged_capture_keeps_the_rows_before_the_damage_and_exits_1()
    {
        var bytes = File.ReadAllBytes(_capture);
        var damaged = TempFile(bytes[..^20]);
        try
        {
            var result = Run("decode", damaged);
            result.ExitCode.Should().Be(1);
            result.Output.TrimEnd('\n').Split('\n').Should().HaveCount(3, "the header and the two whole packets");
            result.Error.Should().Contain(damaged).And.Contain("at byte offset 202").And.Contain("2 packets were decoded");
        }
        finally
        {
            File.Delete(damaged);
        }
    }

    [Theory]
    [InlineData("decode", "--no-such-option", "x.pcap")]
    [InlineData("decode", "x.pcap", "--format", "xml")]
    [InlineData("decode", "x.pcap", "--limit", "-5")]
    [InlineData("no-such-command")]
    public void Wrong_usage_exits_2_with_a_message(params string[] args)
    {
        var result = Run(args);
        result.ExitCode.Should().Be(2);
        result.Error.Should().StartWith("fennec: ");
    }

    [Theory]
    [InlineData("decode", "--bogus")]
    [InlineData("info", "--bogus")]
    [InlineData("flows", "--bogus")]
    [InlineData("flows", "x.pcap", "--bogus")]
    [InlineData("kitsune", "--bogus")]
    [InlineData("analyze", "--bogus")]
    public void A_misspelt_option_where_an_input_is_expected_is_named_as_an_unknown_option(params string[] args)
    {
        var result = Run(args);
        result.ExitCode.Should().Be(2);
        result.Error.Should().StartWith("fennec: ").And.Contain("unknown option '--bogus'").And.NotContain("cannot open");
    }

    [Fact]
    public void Help_documents_the_options_and_exit_codes()
    {
        var result = Run("decode", "--help");
        result.ExitCode.Should().Be(0);
        result.Output.Should().Contain("--format").And.Contain("--limit").And.Contain("--count");
        Run("--help").Output.Should().Contain("Exit codes");
    }

    [Fact]
    public void Root_help_lists_every_command_though_a_run_builds_only_its_own()
    {
        var help = Run("--help");
        help.ExitCode.Should().Be(0);
        foreach (var command in new[] { "decode", "info", "flows", "kitsune", "collect", "analyze", "simulate" })
            help.Output.Should().Contain(command);
        var typo = Run("flow", "x.pcap");
        typo.ExitCode.Should().Be(2);
        typo.Error.Should().Contain("flow");
    }
}
