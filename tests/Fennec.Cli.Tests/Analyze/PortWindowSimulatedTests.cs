using System.Globalization;
using Fennec.Detection.PortWindows;
using Fennec.Features.PortWindows;
using Fennec.Flows.Assembly;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;
using Xunit.Abstractions;

namespace Fennec.Cli.Tests.Analyze;

/// <summary>
/// The port-window autoencoder on a simulated site: trained on a clean first day, it must flag the windows of a SYN
/// flood and of a UDP amplification, and no window away from them.
/// </summary>
public sealed class PortWindowSimulatedTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fennec-portwindow-").FullName;

    [Fact]
    public void A_syn_flood_and_a_udp_amplification_score_above_the_threshold_where_they_happen_and_nowhere_else()
    {
        var capture = Path.Combine(_folder, "site.pcap");
        var labels = Path.Combine(_folder, "labels.csv");
        var simulate = CliRunner.Run("simulate", "--hours", "30", "--seed", "3", "--attacks", "synflood,udpamp",
            "--snaplen", "96", "--out", capture, "--labels", labels);
        simulate.ExitCode.Should().Be(0, simulate.Error);

        var windows = new PortWindowTable();
        var sink = new Sink(windows);
        long firstNs = long.MaxValue;
        using (var table = new FlowTable(sink))
        using (var reader = CaptureReader.Open(capture))
        {
            while (reader.TryRead(out var record))
            {
                PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var packet);
                firstNs = Math.Min(firstNs, packet.TimestampNs);
                table.Add(packet);
            }
            table.Flush();
        }

        var report = new PortWindowDetector().Run(windows, firstNs + 24 * 3_600_000_000_000L);
        report.Threshold.Should().NotBeNull();
        var attacks = File.ReadLines(labels).Skip(1).Select(line => line.Split(','))
            .Select(f => (Kind: f[0], Start: long.Parse(f[3], CultureInfo.InvariantCulture), End: long.Parse(f[4], CultureInfo.InvariantCulture)))
            .ToList();
        attacks.Select(a => a.Kind).Should().BeEquivalentTo(["synflood", "udpamp"]);

        foreach (var candidate in report.Candidates)
            output.WriteLine(candidate.Evidence);
        var width = windows.WindowNs;
        foreach (var attack in attacks)
        {
            // Every whole window inside the attack is flagged.
            var inside = report.Scores.Where(s => s.StartNs >= attack.Start && s.StartNs + width <= attack.End).ToList();
            inside.Should().NotBeEmpty();
            inside.Should().OnlyContain(s => report.Threshold!.IsAnomalous(s.Error), $"every whole minute of the {attack.Kind}");
        }
        // Nothing is flagged more than a window away from an attack.
        var elsewhere = report.Candidates.Where(c => !attacks.Any(a => c.StartNs <= a.End + width && c.EndNs >= a.Start - width)).ToList();
        elsewhere.Should().BeEmpty(string.Join(" | ", elsewhere.Select(c => c.Evidence)));
        report.Candidates.Should().OnlyContain(c => c.Detector == PortWindowDetector.Name && c.IsSiteWide && c.Score > 0);
    }

    private sealed class Sink(PortWindowTable windows) : IFlowSink
    {
        public void OnFlow(in FlowRecord record) => windows.Add(record);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
