using System.Globalization;
using Fennec.Storage;
using Fennec.TestSupport;

namespace Fennec.Cli.Tests.Live;

/// <summary>
/// pmacctd's sfprobe plugin, a real sFlow v5 agent, samples a capture's packets and sends them as sFlow to
/// <c>fennec collect --sflow</c> on 127.0.0.1. sfprobe samples IPv4 and IPv6 packets (not ARP), one record per
/// sampled packet, with the packet's header: Fennec counts the IP length the header declares (layer 3, as NetFlow
/// and IPFIX count bytes; the frame length sFlow also carries includes the Ethernet header), so the expected figures
/// are <c>fennec flows</c>' IP packets and IP bytes. The filler packets the exporter appends are left out.
/// </summary>
public sealed class CollectSfprobeTests
{
    private const string Agent = "192.0.2.7";

    /// <summary>Sampling every packet: one record per IP packet of the capture, and their bytes, exactly.</summary>
    [ToolTheory("pmacctd", NeedsCorpus = true)]
    [InlineData("joy-captures/kali-normal-ssh.pcap")]
    [InlineData("nfstream-tests/pcaps/anydesk.pcap")]
    public void Every_packet_sampled_gives_the_capture_totals(string capture)
    {
        var path = Path.Combine(SharedData.RequireCorpus(), capture);
        var (_, rows) = Replay(path, samplingRate: 1);

        var (expectedPackets, expectedBytes) = IpTotals(path);
        rows.Should().HaveCount((int)expectedPackets, "each IP packet of the capture is one sample");
        rows.Should().OnlyContain(r => r["sampling_rate"] == "1" && r["packets"] == "1" && r["exporter"] == Agent);
        LiveCollect.Totals(rows, ["scaled_packets"], ["scaled_bytes"])
            .Should().Be((expectedPackets, expectedBytes));
    }

    /// <summary>
    /// Sampling one packet in N: every record carries N and counts N packets; the estimate is within five standard
    /// deviations of the capture's packets (the sample count is binomial, n packets taken with probability 1/N, so the
    /// estimate's deviation is sqrt(n (N - 1))); with <c>--db</c> too, the store keeps the scaled figures.
    /// </summary>
    [ToolTheory("pmacctd", NeedsCorpus = true)]
    [InlineData("joy-captures/kali-normal-ssh.pcap", 4)]
    [InlineData("nfstream-tests/pcaps/anydesk.pcap", 10)]
    public void One_in_n_sampling_is_carried_and_applied(string capture, int rate)
    {
        var path = Path.Combine(SharedData.RequireCorpus(), capture);
        var folder = Directory.CreateTempSubdirectory("fennec-sfprobe-db-").FullName;
        try
        {
            var db = Path.Combine(folder, "collect.db");
            var (collected, rows) = Replay(path, (uint)rate, "--db", db, "--format", "csv");

            var text = rate.ToString(CultureInfo.InvariantCulture);
            rows.Should().NotBeEmpty().And.OnlyContain(r => r["sampling_rate"] == text && r["scaled_packets"] == text);
            var (expectedPackets, _) = IpTotals(path);
            var estimate = (long)rows.Count * rate;
            var bound = 5 * Math.Sqrt(expectedPackets * (rate - 1.0));
            Math.Abs(estimate - expectedPackets).Should().BeLessThanOrEqualTo((long)Math.Ceiling(bound),
                $"{rows.Count} samples at 1 in {rate} estimate {estimate} of {expectedPackets} packets");

            // The store holds every row collect wrote, fillers included, scaled by the rate.
            var all = LiveCollect.Totals(collected.Lines, ["scaled_packets"], ["scaled_bytes"]);
            using var store = FennecStore.Open(db);
            var run = store.ListRuns().Should().ContainSingle().Subject;
            var totals = store.ReadFlowTotals(run.Id);
            (totals.Packets, totals.Bytes).Should().Be(all);
            totals.Flows.Should().Be(collected.Lines.Length - 1);
            store.ReadSensors(run.Id).Should().Equal(Agent);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Replays the capture through pmacctd to <c>fennec collect --sflow</c>; checks that no decode error and no sequence
    /// gap (a lost datagram) was counted, and returns the output with the rows of the capture's own packets.
    /// </summary>
    private static (CliRunner.Result Collected, List<IReadOnlyDictionary<string, string>> Rows) Replay(string capture, uint samplingRate, params string[] extra)
    {
        var output = string.Empty;
        var collected = LiveCollect.Run("--sflow", port =>
        {
            using var exporter = SfprobeExporter.Start(capture, port, samplingRate, Agent);
            exporter.WaitUntilRead(TimeSpan.FromSeconds(60));
            // collect stops 2 s after the last datagram; sfprobe has sent everything by then.
            Thread.Sleep(3000);
            exporter.Stop();
            output = exporter.Output;
        }, extra);

        output.Should().Contain($"Sampling at: 1/{samplingRate}");
        collected.Error.Should().NotContain("error_", "no decode error is expected from sfprobe")
            .And.NotContain("sequence_gaps", "no datagram is lost on 127.0.0.1");
        var rows = LiveCollect.Rows(collected.Lines).Where(r => r["src_ip"] != SfprobeExporter.FillerSource).ToList();
        rows.Should().OnlyContain(r => r["format"] == "sflow");
        return (collected, rows);
    }

    /// <summary>IP packets and IP bytes of the capture, both directions, as <c>fennec flows</c> counts them.</summary>
    private static (long Packets, long Bytes) IpTotals(string capture) =>
        LiveCollect.FlowTotals(capture, row => row["ip_version"] is "4" or "6");
}
