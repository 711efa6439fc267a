using System.Globalization;
using System.Text.RegularExpressions;
using Fennec.Flows.Assembly;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;
using Xunit.Abstractions;

namespace Fennec.Flows.Tests.Corpus;

/// <summary>
/// Zeek's conn.log baselines (zeek-btest-conn): for every connection Zeek logged, the flow Fennec finds for the
/// same endpoints must have the same packets and IP bytes on each side and the same conn_state. Differences are
/// listed, by test and kind (missing, packets, ip_bytes, state), with reasons in zeek-differences.tsv.
/// </summary>
public partial class ZeekComparisonTests(ITestOutputHelper output)
{
    [GeneratedRegex(@"-r \$TRACES/(\S+)")]
    private static partial Regex TraceArgument();

    [CorpusFact]
    public void Connections_match_zeek_conn_logs_or_are_listed()
    {
        var root = Path.Combine(SharedData.RequireCorpus(), "zeek-btest-conn");
        var found = new Dictionary<(string, string), (long, string)>();
        int connections = 0, matched = 0, logs = 0;
        foreach (var log in Directory.EnumerateFiles(Path.Combine(root, "Baseline"), "conn.log", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var test = Path.GetFileName(Path.GetDirectoryName(log)!);
            var script = Path.Combine(root, "tests", test.Replace('.', '/') + ".zeek");
            if (!File.Exists(script) || TraceArgument().Match(File.ReadAllText(script)) is not { Success: true } trace)
                continue;
            var capture = Path.Combine(root, "Traces", trace.Groups[1].Value);
            if (!File.Exists(capture))
                continue;
            logs++;
            var ours = CaptureFlows.Assemble(capture, ZeekTimeouts);
            var name = $"zeek-btest-conn/{test}";
            foreach (var row in ReadConnLog(log))
            {
                connections++;
                var flow = FindFlow(ours, row);
                var (kind, problem) = flow is not { } f ? ("missing", "no flow with these endpoints") : Describe(row, f);
                if (problem is null)
                {
                    matched++;
                    continue;
                }

                var key = (name, kind);
                var detail = $"{row.OrigHost}:{row.OrigPort} -> {row.RespHost}:{row.RespPort} {row.Proto}: {problem}";
                found[key] = found.TryGetValue(key, out var old) ? (old.Item1 + 1, old.Item2) : (1, detail);
            }
        }

        logs.Should().BeGreaterThan(15);
        output.WriteLine($"{logs} conn.log baselines: {matched} of {connections} connections match Zeek's packets, IP bytes and state");
        foreach (var ((file, kind), (count, example)) in found)
            output.WriteLine($"{file}\t{kind}\t{count}\t{example}");
        KnownDifference.Unexplained(found, KnownDifference.Load(Path.Combine("Corpus", "zeek-differences.tsv")))
            .Should().BeEmpty("every connection that differs from Zeek's must be listed with the reason");
    }

    /// <summary>What differs (the kinds joined by '+', for the known list) and how.</summary>
    private static (string Kind, string? Problem) Describe(ConnRow row, FlowRecord f)
    {
        var (orig, resp) = f.SrcIp.ToString() == row.OrigHost && (row.OrigPort == 0 || f.SrcPort == row.OrigPort)
            ? (f.Forward, f.Reverse)
            : (f.Reverse, f.Forward);
        var kinds = new List<string>();
        var problems = new List<string>();
        if (orig.Packets != row.OrigPackets || resp.Packets != row.RespPackets)
        {
            kinds.Add("packets");
            problems.Add($"packets zeek {row.OrigPackets}/{row.RespPackets}, fennec {orig.Packets}/{resp.Packets}");
        }

        if (orig.IpBytes != row.OrigIpBytes || resp.IpBytes != row.RespIpBytes)
        {
            kinds.Add("ip_bytes");
            problems.Add($"ip bytes zeek {row.OrigIpBytes}/{row.RespIpBytes}, fennec {orig.IpBytes}/{resp.IpBytes}");
        }

        if (row.Proto == "tcp" && f.State.ToString() != row.State)
        {
            kinds.Add("state");
            problems.Add($"state zeek {row.State}, fennec {f.State}");
        }

        return problems.Count == 0 ? ("", null) : (string.Join('+', kinds), string.Join("; ", problems));
    }

    /// <summary>
    /// The first unused flow with the row's endpoints. Zeek logs successive connections of one 5-tuple in order, so
    /// flows are taken in order of their start and each at most once.
    /// </summary>
    private static FlowRecord? FindFlow(List<FlowRecord> flows, ConnRow row)
    {
        for (var i = 0; i < flows.Count; i++)
        {
            var f = flows[i];
            if (f.IsMacFlow)
                continue;
            var a = f.SrcIp.ToString();
            var b = f.DstIp.ToString();
            // Zeek writes an ICMP connection's type and code in the port columns; Fennec keys ICMP by address pair.
            var portsKnown = row.Proto is "tcp" or "udp" || (row.Proto != "icmp" && (row.OrigPort != 0 || row.RespPort != 0));
            var same = a == row.OrigHost && b == row.RespHost && (!portsKnown || (f.SrcPort == row.OrigPort && f.DstPort == row.RespPort));
            var flipped = b == row.OrigHost && a == row.RespHost && (!portsKnown || (f.DstPort == row.OrigPort && f.SrcPort == row.RespPort));
            if ((same || flipped) && (row.Proto != "icmp" || f.Protocol is IpProtocol.Icmp or IpProtocol.Icmpv6))
            {
                flows.RemoveAt(i);
                return f;
            }
        }

        return null;
    }

    // Zeek's defaults: 5 minutes of TCP inactivity, no cut of long connections, state flushed 5 s after a close or
    // a reset (tcp_close_delay, tcp_reset_delay).
    private static readonly FlowTableOptions ZeekTimeouts = new()
    {
        IdleTimeout = TimeSpan.FromMinutes(5),
        ActiveTimeout = TimeSpan.FromDays(365),
        CloseLinger = TimeSpan.FromSeconds(5),
    };

    private sealed record ConnRow(string OrigHost, ushort OrigPort, string RespHost, ushort RespPort, string Proto, string State,
        long OrigPackets, long OrigIpBytes, long RespPackets, long RespIpBytes);

    private static IEnumerable<ConnRow> ReadConnLog(string path)
    {
        string[]? fields = null;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("#fields\t", StringComparison.Ordinal))
            {
                fields = line.Split('\t')[1..];
                continue;
            }

            if (line.StartsWith('#') || fields is null || line.Length == 0)
                continue;
            var v = line.Split('\t');
            string F(string name) => v[Array.IndexOf(fields, name)];
            long N(string name) => long.Parse(F(name), CultureInfo.InvariantCulture);
            yield return new ConnRow(F("id.orig_h"), (ushort)N("id.orig_p"), F("id.resp_h"), (ushort)N("id.resp_p"), F("proto"),
                F("conn_state"), N("orig_pkts"), N("orig_ip_bytes"), N("resp_pkts"), N("resp_ip_bytes"));
        }
    }
}
