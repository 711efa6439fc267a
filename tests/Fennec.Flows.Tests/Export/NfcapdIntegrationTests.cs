using System.Globalization;
using System.Net;
using Fennec.Flows.Assembly;
using Fennec.Flows.Export;
using Fennec.TestSupport;
using Xunit.Abstractions;
using static Fennec.Flows.Tests.Export.TestFlows;

namespace Fennec.Flows.Tests.Export;

/// <summary>
/// Exports a few hundred known flows to nfdump's real collector (nfcapd) and reads them back with nfdump: every
/// unidirectional record must arrive once with its packets, bytes, start second and duration, and nfcapd must count
/// no sequence error and no bad packet.
/// </summary>
public class NfcapdIntegrationTests(ITestOutputHelper output)
{
    [ToolFact("nfcapd", "nfdump")]
    public void IPFIX_flows_arrive_whole_in_nfcapd() => ExportThroughNfcapd(ExportProtocol.Ipfix);

    [ToolFact("nfcapd", "nfdump")]
    public void NetFlow_v9_flows_arrive_whole_in_nfcapd() => ExportThroughNfcapd(ExportProtocol.NetFlowV9);

    [ToolFact("nfcapd", "nfdump")]
    public void NetFlow_v5_flows_arrive_whole_in_nfcapd() => ExportThroughNfcapd(ExportProtocol.NetFlowV5);

    private void ExportThroughNfcapd(ExportProtocol protocol)
    {
        var nfcapd = ExternalTools.Require("nfcapd", "nfdump");
        var nfdump = ExternalTools.Require("nfdump", "nfdump");
        var flows = Mix(300);
        flows.Add(Arp());
        var expected = Expected(flows, protocol);

        using var collector = NfcapdCollector.Start(nfcapd);
        using (var exporter = new FlowExporter(new ExportTarget(protocol, "127.0.0.1", collector.Port)))
        {
            exporter.Start();
            foreach (var flow in flows)
                exporter.OnFlow(flow);
            exporter.Flush();
            exporter.RecordsSent.Should().Be(expected.Count);
            exporter.SendErrors.Should().Be(0);
        }

        // Loopback delivery is immediate, but nfcapd must have read its socket before the signal ends its loop.
        Thread.Sleep(1000);
        collector.Stop();
        output.WriteLine(collector.Output);
        var files = collector.Files();
        files.Should().NotBeEmpty($"nfcapd wrote no file; it said:\n{collector.Output}");
        collector.Output.Should().Contain("Sequence Errors: 0").And.Contain("Bad Packets: 0");

        var rows = files.SelectMany(f => ReadCsv(nfdump, f)).ToList();
        rows.Select(r => r.Key).Should().OnlyHaveUniqueItems();
        var unexpected = rows.Where(r => !expected.ContainsKey(r.Key)).Select(r => r.ToString()).ToList();
        unexpected.Should().BeEmpty("nfdump should show only the exported records");
        rows.Sum(r => r.Packets).Should().Be(expected.Values.Sum(e => e.Packets));
        rows.Sum(r => r.Bytes).Should().Be(expected.Values.Sum(e => e.Bytes));
        rows.ToDictionary(r => r.Key, r => r with { Key = string.Empty })
            .Should().BeEquivalentTo(expected.ToDictionary(e => e.Key, e => e.Value with { Key = string.Empty }));
    }

    /// <summary>What nfdump must show: one row per exported side, keyed by addresses, ports and protocol.</summary>
    private static Dictionary<string, Row> Expected(List<FlowRecord> flows, ExportProtocol protocol)
    {
        var rows = new Dictionary<string, Row>();
        foreach (var f in flows)
        {
            if (f.IsMacFlow || (protocol == ExportProtocol.NetFlowV5 && f.IpVersion == 6))
                continue;
            var icmp = f.Protocol is 1 or 58;
            var src = IPAddress.Parse(f.SrcIp.ToString());
            var dst = IPAddress.Parse(f.DstIp.ToString());
            Add(rows, src, dst, icmp ? 0 : f.SrcPort, f.DstPort, f.Protocol, f.Forward);
            if (f.Reverse.Packets > 0)
                Add(rows, dst, src, icmp ? 0 : f.DstPort, icmp ? (f.Protocol == 1 ? 0 : 129 << 8) : f.SrcPort, f.Protocol, f.Reverse);
        }

        return rows;
    }

    private static void Add(Dictionary<string, Row> rows, IPAddress src, IPAddress dst, int srcPort, int dstPort, byte protocol, FlowDirection side)
    {
        var key = Key(src, dst, srcPort, dstPort, protocol switch { 1 => "ICMP", 6 => "TCP", 17 => "UDP", 58 => "ICMP6", _ => "?" });
        var start = DateTimeOffset.FromUnixTimeMilliseconds(side.FirstNs / Ms).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        rows.Add(key, new Row(key, side.Packets, side.IpBytes, start, (side.LastNs - side.FirstNs) / Ms));
    }

    private static string Key(IPAddress src, IPAddress dst, int srcPort, int dstPort, string protocol) =>
        $"{src} {srcPort} -> {dst} {dstPort} {protocol}";

    /// <summary>
    /// Reads a capture file with <c>nfdump -o csv</c> (times in UTC): a header line naming the columns, one line per
    /// flow, then a summary block, which is left out.
    /// </summary>
    private List<Row> ReadCsv(string nfdump, string file)
    {
        var text = NfcapdCollector.Run(nfdump, ["-r", file, "-N", "-o", "csv"], ("TZ", "UTC"));
        var lines = text.Split('\n', StringSplitOptions.TrimEntries);
        var headerAt = Array.FindIndex(lines, l => l.StartsWith("ts,", StringComparison.Ordinal));
        headerAt.Should().BeGreaterThanOrEqualTo(0, $"nfdump printed no csv header:\n{text}");
        var header = lines[headerAt].Split(',');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"no column '{name}' in: {lines[headerAt]}");
        var (sa, da, sp, dp, pr, ipkt, ibyt, ts, td) =
            (Column("sa"), Column("da"), Column("sp"), Column("dp"), Column("pr"), Column("ipkt"), Column("ibyt"), Column("ts"), Column("td"));

        var rows = new List<Row>();
        foreach (var line in lines.Skip(headerAt + 1))
        {
            var cells = line.Split(',', StringSplitOptions.TrimEntries);
            if (cells.Length != header.Length)
                break; // the summary block
            var key = Key(IPAddress.Parse(cells[sa]), IPAddress.Parse(cells[da]), int.Parse(cells[sp], CultureInfo.InvariantCulture),
                int.Parse(cells[dp], CultureInfo.InvariantCulture), cells[pr]);
            var durationMs = (long)Math.Round(double.Parse(cells[td], CultureInfo.InvariantCulture) * 1000);
            rows.Add(new Row(key, long.Parse(cells[ipkt], CultureInfo.InvariantCulture), long.Parse(cells[ibyt], CultureInfo.InvariantCulture),
                cells[ts], durationMs));
        }

        return rows;
    }

    private sealed record Row(string Key, long Packets, long Bytes, string Start, long DurationMs);
}
