using Fennec.Detection.Incidents;
using Fennec.Features.Traffic;
using Fennec.Packets.Decoding;

namespace Fennec.Detection.Baselines;

/// <summary>
/// Follows every metric of every inside host (and of the whole network) bucket by bucket with a
/// <see cref="TrafficBaseline"/>, and turns each alarm that also clears the metric's minimum excess into a
/// <see cref="Candidate"/> whose evidence says what was seen against what is usual.
/// </summary>
public sealed class BaselineDetector(BaselineDetectorOptions? options = null)
{
    /// <summary>The detector's name in candidates and incidents.</summary>
    public const string Name = "baseline";

    /// <summary>The settings.</summary>
    public BaselineDetectorOptions Options { get; } = options ?? new BaselineDetectorOptions();

    /// <summary>Runs the baselines over the whole profile, bucket by bucket from its first to its last.</summary>
    public BaselineReport Run(TrafficProfile profile)
    {
        var candidates = new List<Candidate>();
        var band = new List<BaselineVerdict>();
        if (profile.Flows == 0)
            return new BaselineReport(candidates, band, 0);
        var first = profile.BucketOf(profile.FirstNs);
        var last = profile.BucketOf(profile.LastNs);

        var peers = PeersByHost(profile);
        for (var host = 0; host < profile.InsideHosts.Count; host++)
        {
            var address = profile.InsideHosts[host];
            var h = host;
            Follow(profile, address.ToString(), first, last, b => profile.HostAt(h, b), candidates, peers.GetValueOrDefault(address));
        }
        if (Options.IncludeSite)
            Follow(profile, Candidate.Site, first, last, profile.SiteAt, candidates, null);

        // The band of the report's traffic chart: all bytes of the network, hour by hour.
        var total = new TrafficBaseline(Options.Baseline);
        for (var b = first; b <= last; b++)
            band.Add(total.Update(SiteBytes(profile, b), b));
        return new BaselineReport(candidates, band, first);
    }

    private void Follow(TrafficProfile profile, string name, long first, long last, Func<long, HostBucket?> bucketAt,
        List<Candidate> candidates, List<(IpAddress Peer, PairTraffic Traffic)>? peers)
    {
        foreach (var metric in Options.Metrics)
        {
            var baseline = new TrafficBaseline(Options.Baseline);
            var minimum = Options.MinimumExcess.GetValueOrDefault(metric);
            for (var b = first; b <= last; b++)
            {
                var value = bucketAt(b)?.Get(metric) ?? 0;
                var verdict = baseline.Update(value, b);
                if (!verdict.IsAlarm || value - verdict.Expected < minimum)
                    continue;
                var start = b * profile.BucketNs;
                var end = start + profile.BucketNs - 1;
                candidates.Add(new Candidate(Name, MetricName(metric), name, null, start, end,
                    verdict.Deviation, Describe(name, metric, verdict, start, profile.BucketNs) + PeerClause(peers, metric, start, end)));
            }
        }
    }

    /// <summary>Each inside host's pairs, for naming who it talked to in an alarming hour.</summary>
    private static Dictionary<IpAddress, List<(IpAddress Peer, PairTraffic Traffic)>> PeersByHost(TrafficProfile profile)
    {
        var peers = new Dictionary<IpAddress, List<(IpAddress, PairTraffic)>>();
        foreach (var ((a, b), traffic) in profile.Pairs)
        {
            if (!peers.TryGetValue(a, out var list))
                peers[a] = list = [];
            list.Add((b, traffic));
            if (traffic.BInside)
            {
                if (!peers.TryGetValue(b, out var back))
                    peers[b] = back = [];
                back.Add((a, traffic));
            }
        }
        return peers;
    }

    /// <summary>
    /// "; peers active that hour: 3, the busiest 198.51.100.7 in RU": the pairs of the host whose traffic overlaps the
    /// bucket (pair totals cover the whole run, so the busiest is the busiest overall among those active then).
    /// </summary>
    private static string PeerClause(List<(IpAddress Peer, PairTraffic Traffic)>? peers, HostMetric metric, long startNs, long endNs)
    {
        if (peers is null)
            return "";
        var active = peers.Where(p => p.Traffic.FirstNs <= endNs && p.Traffic.LastNs >= startNs).ToList();
        if (active.Count == 0)
            return "";
        var busiest = metric switch
        {
            HostMetric.FlowsOut or HostMetric.FlowsIn or HostMetric.Peers => active.MaxBy(p => p.Traffic.Flows),
            _ => active.MaxBy(p => p.Traffic.Bytes),
        };
        var where = busiest.Traffic.BInside ? "inside" : busiest.Traffic.BCountry.IsNone ? "outside" : $"in {busiest.Traffic.BCountry}";
        var countries = active.Where(p => !p.Traffic.BInside && !p.Traffic.BCountry.IsNone).Select(p => p.Traffic.BCountry).Distinct().Count();
        return $"; peers active that hour: {Quantities.Count(active.Count)}" +
               (countries > 0 ? $" in {countries} {(countries == 1 ? "country" : "countries")}" : "") +
               $", the busiest {busiest.Peer} ({where})";
    }

    private static double SiteBytes(TrafficProfile profile, long bucket)
    {
        double bytes = 0;
        foreach (var direction in Enum.GetValues<TrafficDirection>())
            if (profile.Hourly.TryGetValue(new RollupKey(bucket, RollupDimension.Site, 0, direction), out var counters))
                bytes += counters.Bytes;
        return bytes;
    }

    /// <summary>The name of a metric in candidates and the store (snake case, as in the rollup tables).</summary>
    public static string MetricName(HostMetric metric) => metric switch
    {
        HostMetric.BytesOut => "bytes_out",
        HostMetric.BytesIn => "bytes_in",
        HostMetric.Packets => "packets",
        HostMetric.FlowsOut => "flows_out",
        HostMetric.FlowsIn => "flows_in",
        HostMetric.Peers => "peers",
        _ => metric.ToString(),
    };

    private static string Describe(string host, HostMetric metric, BaselineVerdict v, long startNs, long widthNs)
    {
        var subject = host == Candidate.Site ? "the network" : host;
        Func<double, string> format = metric is HostMetric.BytesOut or HostMetric.BytesIn ? Quantities.Bytes : Quantities.Count;
        var what = metric switch
        {
            HostMetric.BytesOut => $"sent {format(v.Observed)}",
            HostMetric.BytesIn => $"received {format(v.Observed)}",
            HostMetric.Packets => $"exchanged {format(v.Observed)} packets",
            HostMetric.FlowsOut => $"opened {format(v.Observed)} connections",
            HostMetric.FlowsIn => $"was contacted {format(v.Observed)} times",
            HostMetric.Peers => $"talked to {format(v.Observed)} distinct hosts",
            _ => $"{metric} {format(v.Observed)}",
        };
        var period = widthNs == 3_600_000_000_000L ? "hour" : "bucket";
        var model = v.Model switch
        {
            BaselineModel.HourOfDay => " at this hour of day",
            BaselineModel.HourOfWeek => " at this hour of the week",
            _ => "",
        };
        return $"{subject} {what} in the {period} from {Quantities.Time(startNs)}, {Quantities.Ratio(v.Ratio)} its usual " +
               $"{format(v.Expected)}{model} (normal up to {format(v.High)}; {v.Deviation:0.#} standard deviations)";
    }
}

/// <summary>What the baseline detector found: its candidates and the network's hourly byte band for the report.</summary>
/// <param name="Candidates">Every alarm that cleared its metric's minimum excess.</param>
/// <param name="SiteBytes">The verdict on the network's total bytes for each bucket from <paramref name="FirstBucket"/> on.</param>
/// <param name="FirstBucket">Bucket number (since the epoch) of the first entry of <paramref name="SiteBytes"/>.</param>
public sealed record BaselineReport(IReadOnlyList<Candidate> Candidates, IReadOnlyList<BaselineVerdict> SiteBytes, long FirstBucket);
