using System.Text.Json;
using Fennec.TestSupport;
using static Fennec.Cli.Tests.CliRunner;

namespace Fennec.Cli.Tests;

public class FlowsCommandTests : IDisposable
{
    private const long S = 1_000_000_000;
    private readonly List<string> _files = [];

    private string Capture(params TestFrame[] frames)
    {
        var path = TempFile(CaptureFiles.Pcap(1, frames, nanoseconds: true));
        _files.Add(path);
        return path;
    }

    public void Dispose()
    {
        foreach (var f in _files)
            File.Delete(f);
        GC.SuppressFinalize(this);
    }

    private static byte[] Tcp(string src, ushort sp, string dst, ushort dp, byte flags, int payload = 0) =>
        Frames.Ethernet(0x0800, Frames.IPv4(src, dst, 6, Frames.Tcp(sp, dp, flags, new byte[payload])));

    [Fact]
    public void One_row_per_flow_seen_from_the_initiator()
    {
        var capture = Capture(
            new TestFrame(Tcp("10.0.0.1", 40000, "10.0.0.2", 22, 0x02), 100 * S),
            new TestFrame(Tcp("10.0.0.2", 22, "10.0.0.1", 40000, 0x12), 100 * S + 1000),
            new TestFrame(Tcp("10.0.0.1", 40000, "10.0.0.2", 22, 0x18, payload: 10), 100 * S + 2000),
            new TestFrame(Frames.Ethernet(0x0800, Frames.IPv4("10.0.0.1", "10.0.0.3", 17, Frames.Udp(5353, 53, new byte[4]))), 101 * S));

        var result = Run("flows", capture);
        result.ExitCode.Should().Be(0, result.Error);
        var lines = result.Lines;
        lines[0].Should().StartWith("first_ts,last_ts,src_ip,src_port,dst_ip,dst_port,protocol,vlan,packets_fwd,bytes_fwd,packets_rev,bytes_rev,tcp_flags_fwd,tcp_flags_rev,state,end_reason");
        lines.Should().HaveCount(3);
        lines[1].Should().Be("100.000000000,100.000002000,10.0.0.1,40000,10.0.0.2,22,6,0,2,118,1,54,26,18,S1,end,10,0,ShD,02:00:00:00:00:01,02:00:00:00:00:02,2048,4,90,40");
        lines[2].Should().Be("101.000000000,101.000000000,10.0.0.1,5353,10.0.0.3,53,17,0,1,46,0,0,0,0,S0,end,4,0,,02:00:00:00:00:01,02:00:00:00:00:02,2048,4,32,0");
        result.Error.Should().Contain("4 packets").And.Contain("2 flows");
    }

    [Fact]
    public void Idle_timeout_and_json_lines()
    {
        var udp = Frames.Ethernet(0x0800, Frames.IPv4("10.0.0.1", "10.0.0.3", 17, Frames.Udp(123, 123)));
        var capture = Capture(new TestFrame(udp, 10 * S), new TestFrame(udp, 20 * S), new TestFrame(udp, 40 * S));
        var result = Run("flows", capture, "--idle-timeout", "15", "--format", "jsonl");
        result.ExitCode.Should().Be(0, result.Error);
        var rows = result.Lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rows.Select(r => r.GetProperty("packets_fwd").GetInt64()).Should().Equal(2, 1);
        rows.Select(r => r.GetProperty("end_reason").GetString()).Should().Equal("idle", "end");
    }

    [Fact]
    public void Several_captures_are_one_stream_and_a_damaged_one_is_reported_but_not_fatal()
    {
        var udp = Frames.Ethernet(0x0800, Frames.IPv4("10.0.0.1", "10.0.0.3", 17, Frames.Udp(1, 2)));
        var first = Capture(new TestFrame(udp, 10 * S), new TestFrame(udp, 11 * S));
        var damaged = TempFile(File.ReadAllBytes(Capture(new TestFrame(udp, 12 * S), new TestFrame(udp, 13 * S)))[..^5]);
        _files.Add(damaged);
        var result = Run("flows", first, damaged);
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain(damaged).And.Contain("3 packets");
        result.Lines.Should().HaveCount(2);
        result.Lines[1].Should().Contain(",3,").And.StartWith("10.000000000,12.000000000");
    }

    [CorpusFact]
    public void Threads_give_the_same_rows_and_totals_in_another_order()
    {
        var capture = Path.Combine(SharedData.RequireCorpus(), "chrissanders-packets", "http_espn.pcapng");
        var one = Run("flows", capture);
        one.Lines.Length.Should().BeGreaterThan(20);
        foreach (var threads in new[] { "2", "3" })
        {
            var many = Run("flows", capture, "--threads", threads);
            many.ExitCode.Should().Be(0, many.Error);
            many.Lines[0].Should().Be(one.Lines[0]);
            many.Lines.Skip(1).Order(StringComparer.Ordinal).Should().Equal(one.Lines.Skip(1).Order(StringComparer.Ordinal));
            many.Error.Should().Be(one.Error, "the totals and the clock's counters are the whole input's");
        }
    }

    [Fact]
    public void Threads_report_a_damaged_capture_once_and_count_what_came_before()
    {
        var flows = Enumerable.Range(0, 40).Select(i => new TestFrame(Frames.Ethernet(0x0800,
            Frames.IPv4($"10.0.0.{i + 1}", "10.0.1.1", 17, Frames.Udp((ushort)(1000 + i), 53))), (10 * S) + i)).ToArray();
        var whole = Capture(flows);
        var damaged = TempFile(File.ReadAllBytes(whole)[..^5]);
        _files.Add(damaged);
        var one = Run("flows", damaged);
        var three = Run("flows", damaged, "--threads", "3");
        one.ExitCode.Should().Be(1);
        three.ExitCode.Should().Be(1);
        three.Error.Should().Be(one.Error);
        three.Error.Split(damaged).Should().HaveCount(2, "the damage is reported once, not once per thread");
        three.Lines.Should().HaveCount(40, "the header and the 39 whole packets' flows");
    }

    [Fact]
    public void Threads_reading_a_concatenated_pcap_in_parts_write_one_threads_bytes()
    {
        // Twelve captures one after another: the clock jumps back or leaps ahead at every join, places where the file
        // can be cut, close enough together that every part has one near its start.
        var starts = new[] { 5_000L, 1_000L, 3_000L, 9_000L, 2_000L, 7_000L, 4_000L, 12_000L, 6_000L, 11_000L, 8_000L, 10_000L };
        var frames = new List<TestFrame>();
        foreach (var start in starts)
        {
            for (var i = 0; i < 500; i++)
            {
                var client = i % 37;
                frames.Add(new TestFrame(i % 3 == 0
                    ? Tcp($"10.0.0.{client + 1}", (ushort)(40000 + client), "10.0.9.1", 443, 0x18, payload: i % 90)
                    : Frames.Ethernet(0x0800, Frames.IPv4($"10.0.1.{client + 1}", "10.0.9.2", 17, Frames.Udp((ushort)(5000 + client), 53, new byte[i % 70]))),
                    (start * S) + (i * S / 20)));
            }
        }

        var capture = Capture([.. frames]);
        var one = Run("flows", capture);
        var two = Run("flows", capture, "--threads", "2");
        one.ExitCode.Should().Be(0, one.Error);
        two.ExitCode.Should().Be(0, two.Error);
        two.Output.Should().Be(one.Output, "the parts' rows follow one another in one table's order");
        two.Error.Should().Be(one.Error);
        var jumpsBack = starts.Zip(starts.Skip(1)).Count(pair => pair.Second < pair.First);
        one.Error.Should().Contain($"{jumpsBack} jumps back past the idle timeout");
    }

    [Fact]
    public void Standard_input_is_read_by_one_thread_whatever_the_threads()
    {
        var udp = Frames.Ethernet(0x0800, Frames.IPv4("10.0.0.1", "10.0.0.3", 17, Frames.Udp(123, 123)));
        var bytes = CaptureFiles.Pcap(1, [new TestFrame(udp, 10 * S), new TestFrame(udp, 11 * S)], nanoseconds: true);
        var result = RunWithInput(bytes, "flows", "-", "--threads", "2");
        result.ExitCode.Should().Be(0, result.Error);
        result.Lines.Should().HaveCount(2);
        result.Error.Should().Contain("2 packets");
    }

    [Theory]
    [InlineData("--threads", "0")]
    [InlineData("--idle-timeout", "0")]
    [InlineData("--active-timeout", "-1")]
    [InlineData("--max-memory", "0")]
    public void Bad_options_exit_2(string option, string value)
    {
        Run("flows", "x.pcap", option, value).ExitCode.Should().Be(2);
    }
}
