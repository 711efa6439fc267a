using System.Globalization;
using Fennec.Flows.Assembly;
using Fennec.TestSupport;
using Xunit.Abstractions;

namespace Fennec.Flows.Tests.Corpus;

/// <summary>
/// nfstream's expected flows (nfstream-tests/results: per flow, bidirectional packets and link-layer bytes) against
/// Fennec's, with nfstream's timeouts (idle 120 s, active 1800 s, no expiry on FIN). The results carry no flow keys,
/// so each capture's flows are matched as multisets of (packets, bytes); every capture whose flows do not all match
/// must be listed, with its count of unmatched flows and the reason, in nfstream-differences.tsv.
/// </summary>
public class NfstreamComparisonTests(ITestOutputHelper output)
{
    [CorpusFact]
    public void Flows_match_nfstream_results_or_are_listed()
    {
        var root = Path.Combine(SharedData.RequireCorpus(), "nfstream-tests");
        var options = new FlowTableOptions
        {
            IdleTimeout = TimeSpan.FromSeconds(120),
            ActiveTimeout = TimeSpan.FromSeconds(1800),
            CloseLinger = TimeSpan.FromSeconds(120),
        };
        var found = new Dictionary<(string, string), (long, string)>();
        long expectedFlows = 0, matchedFlows = 0;
        var files = 0;
        foreach (var resultPath in Directory.EnumerateFiles(Path.Combine(root, "results")).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(resultPath);
            var capture = Path.Combine(root, "pcaps", name);
            if (!File.Exists(capture))
                continue;
            files++;
            var expected = ReadResults(resultPath);
            var ours = CaptureFlows.Assemble(capture, options).Where(f => !f.IsMacFlow).Select(f => (f.Packets, f.Bytes)).ToList();
            var remaining = ours.GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
            var matched = 0;
            foreach (var flow in expected)
            {
                if (remaining.TryGetValue(flow, out var n) && n > 0)
                {
                    remaining[flow] = n - 1;
                    matched++;
                }
            }

            expectedFlows += expected.Count;
            matchedFlows += matched;
            if (matched != expected.Count || ours.Count != expected.Count)
            {
                var unmatched = expected.Count - matched;
                found[($"nfstream-tests/pcaps/{name}", "flows")] = (unmatched,
                    $"nfstream {expected.Count} flows ({expected.Sum(f => f.Packets)} packets), fennec {ours.Count} ({ours.Sum(f => f.Packets)} packets), {unmatched} of nfstream's unmatched");
            }
        }

        files.Should().BeGreaterThan(200);
        var share = (double)matchedFlows / expectedFlows;
        output.WriteLine($"{files} captures: {matchedFlows} of {expectedFlows} nfstream flows matched exactly ({share:P2})");
        foreach (var ((file, _), (count, example)) in found.OrderBy(f => f.Key.Item1, StringComparer.Ordinal))
            output.WriteLine($"{file}\tflows\t{count}\t{example}");
        KnownDifference.Unexplained(found, KnownDifference.Load(Path.Combine("Corpus", "nfstream-differences.tsv")))
            .Should().BeEmpty("every capture whose flows differ from nfstream's must be listed with the reason");
    }

    private static List<(long Packets, long Bytes)> ReadResults(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var packets = Array.IndexOf(header, "bidirectional_packets");
        var bytes = Array.IndexOf(header, "bidirectional_bytes");
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .Select(f => (long.Parse(f[packets], CultureInfo.InvariantCulture), long.Parse(f[bytes], CultureInfo.InvariantCulture)))
            .ToList();
    }
}
