using System.Globalization;
using Fennec.Flows.Assembly;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;
using Xunit.Abstractions;

namespace Fennec.Flows.Tests.Corpus;

/// <summary>
/// Suricata's flow expectations (suricata-verify-flow test.yaml, <c>event_type: flow</c> filters): per flow, packets
/// and bytes to server and to client and the TCP flags of each side. Differences are listed by test and kind in
/// suricata-differences.tsv.
/// </summary>
public class SuricataComparisonTests(ITestOutputHelper output)
{
    [CorpusFact]
    public void Flows_match_suricata_expectations_or_are_listed()
    {
        var root = Path.Combine(SharedData.RequireCorpus(), "suricata-verify-flow", "tests");
        var found = new Dictionary<(string, string), (long, string)>();
        int expectations = 0, matched = 0;
        foreach (var yaml in Directory.EnumerateFiles(root, "test.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var flows = FlowFilters(yaml).ToList();
            if (flows.Count == 0 || Capture(yaml) is not { } capture)
                continue;
            var ours = CaptureFlows.Assemble(capture, SuricataTimeouts);
            var test = Path.GetRelativePath(root, Path.GetDirectoryName(yaml)!);
            foreach (var m in flows)
            {
                expectations++;
                var (kind, problem) = Compare(m, ours);
                if (problem is null)
                {
                    matched++;
                    continue;
                }

                var key = ($"suricata-verify-flow/{test}", kind);
                found[key] = found.TryGetValue(key, out var old) ? (old.Item1 + 1, old.Item2) : (1, problem);
            }
        }

        expectations.Should().BeGreaterThan(60);
        output.WriteLine($"{matched} of {expectations} Suricata flow expectations match");
        foreach (var ((file, kind), (count, example)) in found)
            output.WriteLine($"{file}\t{kind}\t{count}\t{example}");
        KnownDifference.Unexplained(found, KnownDifference.Load(Path.Combine("Corpus", "suricata-differences.tsv")))
            .Should().BeEmpty("every flow that differs from Suricata's expectation must be listed with the reason");
    }

    private static (string Kind, string? Problem) Compare(Dictionary<string, string> m, List<FlowRecord> ours)
    {
        // Suricata writes IPv6 addresses uncompressed; compare them in Fennec's (RFC 5952) form.
        var src = IpAddress.Parse(m["src_ip"]).ToString();
        var dst = IpAddress.Parse(m["dest_ip"]).ToString();
        var sport = m.TryGetValue("src_port", out var sp) ? ushort.Parse(sp, CultureInfo.InvariantCulture) : (ushort)0;
        var dport = m.TryGetValue("dest_port", out var dp) ? ushort.Parse(dp, CultureInfo.InvariantCulture) : (ushort)0;
        var hasPorts = m.ContainsKey("src_port");
        var index = ours.FindIndex(f => !f.IsMacFlow &&
            ((f.SrcIp.ToString() == src && f.DstIp.ToString() == dst && (!hasPorts || (f.SrcPort == sport && f.DstPort == dport))) ||
             (f.SrcIp.ToString() == dst && f.DstIp.ToString() == src && (!hasPorts || (f.SrcPort == dport && f.DstPort == sport)))));
        var label = $"{src}:{sport} -> {dst}:{dport} {m.GetValueOrDefault("proto")}";
        if (index < 0)
            return ("missing", $"{label}: no flow with these endpoints");
        var f = ours[index];
        ours.RemoveAt(index);
        var srcIsInitiator = f.SrcIp.ToString() == src && (!hasPorts || f.SrcPort == sport);
        var (toServer, toClient) = srcIsInitiator ? (f.Forward, f.Reverse) : (f.Reverse, f.Forward);
        var kinds = new List<string>();
        var problems = new List<string>();
        void Check(string kind, string field, long ours)
        {
            if (m.TryGetValue(field, out var text) && long.Parse(text, CultureInfo.InvariantCulture) != ours)
            {
                if (!kinds.Contains(kind))
                    kinds.Add(kind);
                problems.Add($"{field} suricata {text}, fennec {ours}");
            }
        }

        Check("packets", "flow.pkts_toserver", toServer.Packets);
        Check("packets", "flow.pkts_toclient", toClient.Packets);
        Check("bytes", "flow.bytes_toserver", toServer.Bytes);
        Check("bytes", "flow.bytes_toclient", toClient.Bytes);
        if (m.TryGetValue("tcp.tcp_flags_ts", out var ts) && Convert.ToInt32(ts, 16) != ((int)toServer.TcpFlags & 0xFF))
        {
            kinds.Add("tcp_flags");
            problems.Add($"tcp_flags_ts suricata {ts}, fennec {(int)toServer.TcpFlags & 0xFF:x2}");
        }

        return problems.Count == 0 ? ("", null) : (string.Join('+', kinds), $"{label}: {string.Join("; ", problems)}");
    }

    // Suricata's default timeouts: established TCP 600 s, closed TCP 60 s; flows end at the end of the capture.
    private static readonly FlowTableOptions SuricataTimeouts = new()
    {
        IdleTimeout = TimeSpan.FromSeconds(600),
        ActiveTimeout = TimeSpan.FromDays(365),
        CloseLinger = TimeSpan.FromSeconds(60),
    };

    /// <summary>The capture a test runs on: its <c>pcap:</c> key, or the one capture in its folder.</summary>
    private static string? Capture(string yaml)
    {
        var folder = Path.GetDirectoryName(yaml)!;
        var line = File.ReadLines(yaml).FirstOrDefault(l => l.StartsWith("pcap:", StringComparison.Ordinal));
        if (line is not null)
        {
            var path = Path.GetFullPath(Path.Combine(folder, line["pcap:".Length..].Trim()));
            return File.Exists(path) ? path : null;
        }

        return Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".pcap", StringComparison.Ordinal) || f.EndsWith(".pcapng", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>The <c>match:</c> maps of the filters that expect a flow event with packet counts (a reader for this one YAML shape).</summary>
    private static IEnumerable<Dictionary<string, string>> FlowFilters(string yaml)
    {
        Dictionary<string, string>? current = null;
        var matchIndent = -1;
        foreach (var raw in File.ReadLines(yaml))
        {
            var indent = raw.Length - raw.TrimStart().Length;
            var line = raw.Trim();
            if (line.StartsWith("- filter:", StringComparison.Ordinal))
            {
                if (current is not null && IsFlowExpectation(current))
                    yield return current;
                current = [];
                matchIndent = -1;
                continue;
            }

            if (current is null)
                continue;
            if (line == "match:")
            {
                matchIndent = indent;
                continue;
            }

            if (matchIndent >= 0 && indent > matchIndent && line.IndexOf(": ", StringComparison.Ordinal) is var colon and > 0)
                current[line[..colon]] = line[(colon + 2)..].Trim().Trim('"', '\'');
            else if (matchIndent >= 0 && indent <= matchIndent)
                matchIndent = -1;
        }

        if (current is not null && IsFlowExpectation(current))
            yield return current;
    }

    private static bool IsFlowExpectation(Dictionary<string, string> m) =>
        m.GetValueOrDefault("event_type") == "flow" && m.ContainsKey("src_ip") && m.ContainsKey("dest_ip") &&
        (m.ContainsKey("flow.pkts_toserver") || m.ContainsKey("flow.bytes_toserver"));
}
