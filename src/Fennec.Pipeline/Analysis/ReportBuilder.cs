using Fennec.Detection.Incidents;
using Fennec.Enrichment.Geo;
using Fennec.Features.Traffic;
using Fennec.Reporting;
using Dimension = Fennec.Features.Traffic.RollupDimension;

namespace Fennec.Pipeline.Analysis;

/// <summary>Turns what an analysis found into the report's model.</summary>
public static class ReportBuilder
{
    private const long Day = 86_400_000_000_000L;

    /// <summary>Edges kept for the network map (the report keeps the busiest nodes and the edges between them).</summary>
    public const int MaxEdges = 5_000;

    /// <summary>Entries in each top list.</summary>
    public const int TopCount = 15;

    /// <summary>Builds the model of the report of <paramref name="result"/>.</summary>
    public static ReportModel Build(AnalysisResult result, IReadOnlyList<string> inputs, IReadOnlyList<string> attributions,
        DateTimeOffset generatedAt, string budget)
    {
        var profile = result.Profile;
        var hosts = result.Hosts;
        var empty = profile.Flows == 0;
        return new ReportModel
        {
            Title = "Fennec report",
            GeneratedAt = generatedAt,
            CaptureFirstNs = empty ? 0 : profile.FirstNs,
            CaptureLastNs = empty ? 0 : profile.LastNs,
            Inputs = inputs,
            Summary = new ReportSummary
            {
                Packets = result.PacketsCovered,
                Bytes = profile.Bytes,
                Flows = profile.Flows,
                InsideHosts = profile.InsideHosts.Count,
                OutsideHosts = hosts.Count(h => !h.Inside),
                Countries = profile.Countries.Count,
                IncidentsShown = result.Shown,
                IncidentsSuppressed = result.Suppressed,
                AlertBudget = budget,
            },
            Countries = empty ? [] : Countries(profile),
            Network = Network(profile, hosts, result.Incidents),
            Hourly = empty ? [] : Hourly(result),
            Incidents = [.. result.Incidents.Select(i => new ReportIncident
            {
                Id = i.Id,
                FirstNs = i.FirstNs,
                LastNs = i.LastNs,
                Severity = Math.Round(i.Severity, 2),
                Kind = i.Kind,
                Host = i.Host,
                Peer = i.Peer,
                Title = i.Title,
                Explanation = i.Explanation,
                Detectors = [.. i.Detectors],
                Shown = i.Shown,
            })],
            TopTalkers = [.. hosts.Take(TopCount).Select(h => new RankedItem
            {
                Key = h.Address.ToString(),
                Label = h.Inside ? "inside" : h.Country.IsNone ? "outside" : h.Country.ToString(),
                Bytes = h.Bytes,
                Packets = h.PacketsIn + h.PacketsOut,
                Flows = h.FlowsIn + h.FlowsOut,
            })],
            TopPorts = Ranked(profile, Dimension.Port, k => PortName(k)),
            Protocols = Ranked(profile, Dimension.Protocol, k => ProtocolName((byte)k)),
            Attributions = attributions,
        };
    }

    private static List<CountryActivity> Countries(TrafficProfile profile)
    {
        var since = profile.BucketOf(profile.LastNs - Day);
        var countries = new Dictionary<ulong, (double Bytes, double Packets, long In, long Out, DistinctCounter Hosts)>();
        foreach (var (key, c) in profile.Hourly)
        {
            if (key.Dimension != Dimension.Country || key.Bucket < since)
                continue;
            if (!countries.TryGetValue(key.Key, out var sum))
                sum = (0, 0, 0, 0, new DistinctCounter());
            sum.Hosts.Merge(c.Peers);
            countries[key.Key] = (sum.Bytes + c.Bytes, sum.Packets + c.Packets,
                sum.In + (key.Direction == TrafficDirection.Inbound ? c.Flows : 0),
                sum.Out + (key.Direction == TrafficDirection.Outbound ? c.Flows : 0), sum.Hosts);
        }
        return [.. countries
            .Select(kv => new CountryActivity
            {
                CountryCode = new CountryCode((ushort)kv.Key).ToString(),
                Flows = kv.Value.In + kv.Value.Out,
                Bytes = (long)Math.Round(kv.Value.Bytes),
                Packets = (long)Math.Round(kv.Value.Packets),
                InsideHosts = kv.Value.Hosts.Count,
                InboundFlows = kv.Value.In,
                OutboundFlows = kv.Value.Out,
            })
            .OrderByDescending(c => c.Flows).ThenBy(c => c.CountryCode, StringComparer.Ordinal)];
    }

    private static NetworkMap Network(TrafficProfile profile, IReadOnlyList<HostTotals> hosts, IReadOnlyList<Incident> incidents)
    {
        var severity = new Dictionary<string, double>();
        foreach (var incident in incidents)
            foreach (var evidence in incident.Evidence)
                foreach (var who in new[] { evidence.Host, evidence.Peer })
                    if (who is not null && who != Candidate.Site)
                        severity[who] = Math.Max(severity.GetValueOrDefault(who), incident.Severity);

        var nodes = hosts.Select(h =>
        {
            var id = h.Address.ToString();
            return new NetworkNode
            {
                Id = id,
                Inside = h.Inside,
                Country = h.Country.IsNone ? null : h.Country.ToString(),
                Bytes = h.Bytes,
                IncidentSeverity = Math.Round(severity.GetValueOrDefault(id), 2),
            };
        }).ToList();
        var edges = profile.Pairs
            .OrderByDescending(p => p.Value.Bytes)
            .Take(MaxEdges)
            .Select(p => new NetworkEdge { Source = p.Key.A.ToString(), Target = p.Key.B.ToString(), Bytes = p.Value.Bytes, Flows = p.Value.Flows })
            .ToList();
        return new NetworkMap { Nodes = nodes, Edges = edges };
    }

    private static List<TrafficPoint> Hourly(AnalysisResult result)
    {
        var profile = result.Profile;
        var band = result.Baselines;
        var first = profile.BucketOf(profile.FirstNs);
        var last = profile.BucketOf(profile.LastNs);
        var points = new List<TrafficPoint>();
        for (var b = first; b <= last; b++)
        {
            double bytes = 0, packets = 0;
            long flows = 0;
            foreach (var direction in Enum.GetValues<TrafficDirection>())
            {
                if (!profile.Hourly.TryGetValue(new RollupKey(b, Dimension.Site, 0, direction), out var c))
                    continue;
                bytes += c.Bytes;
                packets += c.Packets;
                flows += c.Flows;
            }
            var index = b - band.FirstBucket;
            var verdict = index >= 0 && index < band.SiteBytes.Count ? band.SiteBytes[(int)index] : default;
            points.Add(new TrafficPoint
            {
                BucketNs = b * profile.BucketNs,
                Bytes = (long)Math.Round(bytes),
                Packets = (long)Math.Round(packets),
                Flows = flows,
                BaselineMean = verdict.IsReady ? Math.Round(verdict.Expected) : null,
                BaselineLow = verdict.IsReady ? Math.Round(verdict.Low) : null,
                BaselineHigh = verdict.IsReady ? Math.Round(verdict.High) : null,
            });
        }
        return points;
    }

    private static List<RankedItem> Ranked(TrafficProfile profile, Dimension dimension, Func<ulong, string> name)
    {
        var sums = new Dictionary<ulong, (double Bytes, double Packets, long Flows)>();
        foreach (var (key, c) in profile.Hourly)
        {
            if (key.Dimension != dimension)
                continue;
            var s = sums.GetValueOrDefault(key.Key);
            sums[key.Key] = (s.Bytes + c.Bytes, s.Packets + c.Packets, s.Flows + c.Flows);
        }
        return [.. sums.OrderByDescending(kv => kv.Value.Bytes).Take(TopCount).Select(kv => new RankedItem
        {
            Key = name(kv.Key),
            Bytes = (long)Math.Round(kv.Value.Bytes),
            Packets = (long)Math.Round(kv.Value.Packets),
            Flows = kv.Value.Flows,
        })];
    }

    /// <summary>"tcp/443", "udp/53", "icmp/8" (ICMP keeps the type and code in the port, as NetFlow does).</summary>
    public static string PortName(ulong key) => $"{ProtocolName((byte)(key >> 16)).ToLowerInvariant()}/{key & 0xFFFF}";

    /// <summary>The usual name of an IP protocol number, or the number.</summary>
    public static string ProtocolName(byte protocol) => protocol switch
    {
        1 => "ICMP",
        2 => "IGMP",
        6 => "TCP",
        17 => "UDP",
        47 => "GRE",
        50 => "ESP",
        58 => "ICMPv6",
        132 => "SCTP",
        _ => protocol.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
