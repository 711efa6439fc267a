using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fennec.Cli.Output;
using Fennec.TestSupport;

namespace Fennec.Cli.Tests.Live;

public sealed class LiveDecodeTests
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(10);

    [RootFact]
    public async Task Decodes_loopback_datagrams_into_csv_rows_until_the_limit()
    {
        using var udp = new LoopbackUdp();
        var payload = Encoding.ASCII.GetBytes("fennec decode --interface test");
        var running = Task.Run(() => CliRunner.Run("decode", "-i", "lo", "--filter", udp.Filter, "--limit", "2", "--duration", "10"));

        // The capture opens inside the command, so keep sending until it has seen enough.
        var clock = Stopwatch.StartNew();
        while (!running.IsCompleted && clock.Elapsed < GiveUpAfter)
        {
            udp.Send(payload);
            await Task.Delay(50);
        }

        var run = await running;
        run.ExitCode.Should().Be(ExitCodes.Success, run.Error);
        run.Lines.Should().HaveCount(3);
        run.Lines[0].Should().Be(string.Join(',', PacketRowWriter.Columns));
        foreach (var line in run.Lines.Skip(1))
        {
            var row = Row(line);
            row["caplen"].Should().Be(Text(14 + 20 + 8 + payload.Length));
            row["ethertype"].Should().Be("2048");
            row["ip_version"].Should().Be("4");
            row["src_ip"].Should().Be("127.0.0.1");
            row["dst_ip"].Should().Be("127.0.0.1");
            row["protocol"].Should().Be("17");
            row["src_port"].Should().Be(Text(udp.SenderPort));
            row["dst_port"].Should().Be(Text(udp.Port));
            row["payload_len"].Should().Be(Text(payload.Length));
            row["status"].Should().Be("complete");
            var seconds = double.Parse(row["ts"], CultureInfo.InvariantCulture);
            seconds.Should().BeApproximately(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, 30);
        }

        run.Error.Should().MatchRegex(@"^fennec decode: lo: 2 packets decoded in \d+\.\d s; libpcap received \d+, dropped 0, interface dropped \d+\n$");
    }

    [RootFact]
    public void Stops_after_the_duration_when_nothing_arrives()
    {
        using var udp = new LoopbackUdp();
        var clock = Stopwatch.StartNew();

        var run = CliRunner.Run("decode", "-i", "lo", "--filter", udp.Filter, "--duration", "0.5");

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.5)).And.BeLessThan(GiveUpAfter);
        run.ExitCode.Should().Be(ExitCodes.Success, run.Error);
        run.Lines.Should().Equal(string.Join(',', PacketRowWriter.Columns));
        run.Error.Should().StartWith("fennec decode: lo: 0 packets decoded in ");
    }

    [RootFact]
    public void A_bad_filter_exits_with_the_live_capture_code()
    {
        var run = CliRunner.Run("decode", "-i", "lo", "--filter", "udp port (");

        run.ExitCode.Should().Be(ExitCodes.LiveCaptureFailed);
        run.Output.Should().BeEmpty();
        run.Error.Should().StartWith("fennec decode: cannot capture on lo: invalid filter \"udp port (\": ");
    }

    // Whatever stops it here (no such device as root, no permission otherwise, or no libpcap at all), the message
    // names the device and the exit code says live capture failed.
    [Fact]
    public void An_interface_that_cannot_be_opened_exits_with_the_live_capture_code()
    {
        var run = CliRunner.Run("decode", "-i", "fennec-nosuch0");

        run.ExitCode.Should().Be(ExitCodes.LiveCaptureFailed);
        run.Output.Should().BeEmpty();
        run.Error.Should().StartWith("fennec decode: cannot capture on fennec-nosuch0: ");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Row(string line)
    {
        var fields = line.Split(',');
        fields.Should().HaveCount(PacketRowWriter.Columns.Length);
        return PacketRowWriter.Columns.Zip(fields).ToDictionary(p => p.First, p => p.Second);
    }
}
