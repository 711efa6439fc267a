using System.Globalization;
using Fennec.TestSupport;
using Xunit.Abstractions;
using static Fennec.Cli.Tests.CliRunner;

namespace Fennec.Cli.Tests;

/// <summary>
/// <c>fennec flows --export</c> against the real collector: a corpus capture exported to nfcapd on 127.0.0.1 arrives
/// whole, flow by flow, as nfdump reads it back, in IPFIX, NetFlow v9 and NetFlow v5.
/// </summary>
public class FlowsExportTests(ITestOutputHelper output)
{
    [ToolFact("nfcapd", "nfdump", NeedsCorpus = true)]
    public void Ipfix_export_of_a_corpus_capture_arrives_in_nfcapd() => Export("ipfix");

    [ToolFact("nfcapd", "nfdump", NeedsCorpus = true)]
    public void Netflow9_export_of_a_corpus_capture_arrives_in_nfcapd() => Export("netflow9");

    [ToolFact("nfcapd", "nfdump", NeedsCorpus = true)]
    public void Netflow5_export_of_a_corpus_capture_arrives_in_nfcapd() => Export("netflow5");

    private void Export(string scheme)
    {
        var capture = Path.Combine(SharedData.RequireCorpus(), "chrissanders-packets", "http_espn.pcapng");
        var nfcapd = ExternalTools.Require("nfcapd", "nfdump");
        var nfdump = ExternalTools.Require("nfdump", "nfdump");

        // What fennec itself says each flow carried, one side per row (as NetFlow counts them): key -> packets, IP bytes.
        var expected = new Dictionary<string, (long Packets, long Bytes)>();
        var rows = Run("flows", capture).Lines;
        var header = rows[0].Split(',');
        int C(string name) => Array.IndexOf(header, name);
        foreach (var row in rows.Skip(1).Select(r => r.Split(',')))
        {
            var (src, sp, dst, dp, proto) = (row[C("src_ip")], row[C("src_port")], row[C("dst_ip")], row[C("dst_port")], row[C("protocol")]);
            Add(expected, $"{src}:{sp}>{dst}:{dp}/{proto}", row[C("packets_fwd")], row[C("ip_bytes_fwd")]);
            if (row[C("packets_rev")] != "0")
                Add(expected, $"{dst}:{dp}>{src}:{sp}/{proto}", row[C("packets_rev")], row[C("ip_bytes_rev")]);
        }

        using var collector = NfcapdCollector.Start(nfcapd);
        var result = Run("flows", capture, "--export", $"{scheme}://127.0.0.1:{collector.Port}");
        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().BeEmpty("exported records are not also written as rows");
        result.Error.Should().Contain("0 send errors");
        Thread.Sleep(1000);
        collector.Stop();
        output.WriteLine(collector.Output);

        var arrived = new Dictionary<string, (long Packets, long Bytes)>();
        foreach (var file in collector.Files())
        {
            var text = NfcapdCollector.Run(nfdump, ["-r", file, "-N", "-o", "csv"], ("TZ", "UTC"));
            var lines = text.Split('\n', StringSplitOptions.TrimEntries);
            var at = Array.FindIndex(lines, l => l.StartsWith("ts,", StringComparison.Ordinal));
            var columns = lines[at].Split(',');
            int N(string name) => Array.IndexOf(columns, name);
            foreach (var cells in lines.Skip(at + 1).Select(l => l.Split(',')).TakeWhile(c => c.Length == columns.Length))
            {
                var proto = cells[N("pr")] switch { "TCP" => "6", "UDP" => "17", "ICMP" => "1", var other => other };
                var (sp, dp) = proto == "1" ? ("0", cells[N("dp")]) : (cells[N("sp")], cells[N("dp")]);
                Add(arrived, $"{cells[N("sa")]}:{sp}>{cells[N("da")]}:{dp}/{proto}", cells[N("ipkt")], cells[N("ibyt")]);
            }
        }

        // Every flow side with its packets and bytes, and nothing else (ICMP keys are compared by their sums only,
        // as collectors spell ICMP type and code differently).
        arrived.Values.Sum(v => v.Packets).Should().Be(expected.Values.Sum(v => v.Packets));
        arrived.Values.Sum(v => v.Bytes).Should().Be(expected.Values.Sum(v => v.Bytes));
        foreach (var (key, value) in expected.Where(e => !e.Key.EndsWith("/1", StringComparison.Ordinal)))
            arrived.Should().ContainKey(key).WhoseValue.Should().Be(value, key);
    }

    private static void Add(Dictionary<string, (long Packets, long Bytes)> map, string key, string packets, string bytes)
    {
        var (p, b) = (long.Parse(packets, CultureInfo.InvariantCulture), long.Parse(bytes, CultureInfo.InvariantCulture));
        map[key] = map.TryGetValue(key, out var old) ? (old.Packets + p, old.Bytes + b) : (p, b);
    }
}
