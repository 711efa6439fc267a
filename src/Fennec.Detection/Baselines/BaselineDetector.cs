using Fennec.Detection.Incidents;
using Fennec.Features.Traffic;

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

        for (var host = 0; host < profile.InsideHosts.Count; host++)
        {
            var name = profile.InsideHosts[host].ToString();
            var h = host;
            Follow(profile, name, first, last, b => profile.HostAt(h, b), candidates);
        }
        if (Options.IncludeSite)
            Follow(profile, Candidate.Site, first, last, profile.SiteAt, candidates);

        // The band of the report's traffic chart: all bytes of the network, hour by hour.
        var total = new TrafficBaseline(Options.Baseline);
        for (var b = first; b <= last; b++)
            band.Add(total.Update(SiteBytes(profile, b), b));
        return new BaselineReport(candidates, band, first);
    }

    private void Follow(TrafficProfile profile, string name, long first, long last, Func<long, HostBucket?> bucketAt,
        List<Candidate> candidates)
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
                candidates.Add(new Candidate(Name, MetricName(metric), name, null, start, start + profile.BucketNs - 1,
                    verdict.Deviation, Describe(name, metric, verdict, start, profile.BucketNs)));
            }
        }
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
