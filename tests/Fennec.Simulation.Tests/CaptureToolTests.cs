using System.Diagnostics;
using Fennec.Packets.Decoding;
using Fennec.Simulation.Attacks;
using Fennec.TestSupport;

namespace Fennec.Simulation.Tests;

public class CaptureToolTests
{
    private static readonly SimulationOptions Small = new()
    {
        Hours = 26,
        Hosts = 8,
        Intensity = 0.05,
        Seed = 3,
        Attacks = [AttackKind.PortScan, AttackKind.BruteForce, AttackKind.NewCountry],
    };

    private static (int Exit, string Output, string Error) RunTool(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>tshark's warning about running as root is not a problem with the file.</summary>
    private static string[] Problems(string error) =>
        [.. error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("Running as user", StringComparison.Ordinal))];

    [ToolFact("capinfos", "tshark")]
    public void Capinfos_and_tshark_read_every_packet_with_good_checksums()
    {
        using var capture = new SimulatedCapture(Small);
        var count = capture.Result.Packets.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var info = RunTool("capinfos", "-c", "-M", "-o", capture.Path);
        info.Exit.Should().Be(0, info.Error);
        info.Output.Should().MatchRegex($@"Number of packets:\s+{count}\b");
        info.Output.Should().MatchRegex(@"Strict time order:\s+True");

        // Checksum statuses: 0 bad, 1 good. Every IPv4 header, TCP segment and UDP datagram must be good.
        var checks = RunTool("tshark", "-n", "-r", capture.Path, "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
            "-o", "udp.check_checksum:TRUE", "-T", "fields", "-e", "ip.checksum.status", "-e", "tcp.checksum.status", "-e", "udp.checksum.status");
        checks.Exit.Should().Be(0, checks.Error);
        Problems(checks.Error).Should().BeEmpty();
        var rows = checks.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rows.Length.Should().Be((int)capture.Result.Packets);
        rows.Should().OnlyContain(r => r == "1\t1\t" || r == "1\t\t1", "every packet is TCP or UDP over IPv4 with good checksums");
    }

    [ToolFact("tshark")]
    public void Tshark_reads_the_dns_queries_and_answers()
    {
        using var capture = new SimulatedCapture(Small with { Hours = 1, Attacks = [], Intensity = 1, Start = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero) });
        var dns = RunTool("tshark", "-n", "-r", capture.Path, "-Y", "dns", "-T", "fields", "-e", "dns.flags.response", "-e", "dns.qry.name", "-e", "dns.a");
        dns.Exit.Should().Be(0, dns.Error);
        var rows = dns.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split('\t')).ToList();
        rows.Should().NotBeEmpty();
        rows.Should().OnlyContain(r => r[1].StartsWith('n') && r[1].EndsWith(".example.com", StringComparison.Ordinal));
        var answers = rows.Where(r => r[0] is "1" or "True").ToList();
        answers.Should().NotBeEmpty().And.OnlyContain(r => IpAddress.Parse(r[2]).IsIPv4);
        capture.Packets.Count(p => p.Protocol == 17 && (p.SrcPort == 53 || p.DstPort == 53)).Should().Be(rows.Count);
    }

    [Fact]
    public void A_snapshot_length_cuts_payloads_and_keeps_headers_whole()
    {
        using var capture = new SimulatedCapture(Small with { Hours = 2, Attacks = [], SnapLength = 96, Nanoseconds = true });
        capture.Packets.Should().OnlyContain(p => p.CapturedLength <= 96 && p.Status == DecodeStatus.Complete);
        capture.Packets.Should().Contain(p => p.WireLength > 1000 && p.CapturedLength == 96);
        capture.Packets.Should().Contain(p => p.Time % 1000 != 0, "timestamps keep their nanoseconds");
    }
}
