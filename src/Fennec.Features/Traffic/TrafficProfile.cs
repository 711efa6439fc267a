using Fennec.Enrichment.Geo;
using Fennec.Flows.Assembly;
using Fennec.Packets.Decoding;

namespace Fennec.Features.Traffic;

/// <summary>
/// What the network did, bucket by bucket: per inside host and for the whole network (the series baselines
/// follow), rollups by direction, country, protocol and service port, the host pairs behind the network map, and
/// when each country was first seen. Flows that span several buckets are shared out in proportion to the time they
/// spent in each. Every table is bounded; what does not fit is counted in <see cref="Overflow"/>.
/// </summary>
public sealed class TrafficProfile
{
    private const int SiteHost = -1;
    private readonly Dictionary<IpAddress, int> _hostIds = [];
    private readonly List<IpAddress> _hosts = [];
    private readonly Dictionary<(int Host, long Bucket), HostBucket> _hostBuckets = [];
    private readonly Dictionary<RollupKey, TrafficCounters> _hourly = [];
    private readonly Dictionary<RollupKey, TrafficCounters> _fine = [];
    private readonly Dictionary<(IpAddress A, IpAddress B), PairTraffic> _pairs = [];
    private readonly Dictionary<CountryCode, CountryTraffic> _countries = [];
    private readonly long _bucketNs;
    private readonly long _fineNs;

    /// <summary>Creates an empty profile.</summary>
    public TrafficProfile(TrafficProfileOptions? options = null)
    {
        Options = options ?? new TrafficProfileOptions();
        _bucketNs = (long)Options.Bucket.TotalMicroseconds * 1000;
        _fineNs = (long)Options.FineBucket.TotalMicroseconds * 1000;
        if (_bucketNs <= 0 || _fineNs <= 0)
            throw new ArgumentException("Bucket widths must be positive.");
    }

    /// <summary>The settings.</summary>
    public TrafficProfileOptions Options { get; }

    /// <summary>Width of a bucket in nanoseconds.</summary>
    public long BucketNs => _bucketNs;

    /// <summary>Width of a fine bucket in nanoseconds.</summary>
    public long FineBucketNs => _fineNs;

    /// <summary>Inside hosts in order of first appearance; a host's index is its id in host rollups.</summary>
    public IReadOnlyList<IpAddress> InsideHosts => _hosts;

    /// <summary>Flows added.</summary>
    public long Flows { get; private set; }

    /// <summary>Packets of the flows added.</summary>
    public long Packets { get; private set; }

    /// <summary>Wire bytes of the flows added.</summary>
    public long Bytes { get; private set; }

    /// <summary>Start of the earliest flow (Unix nanoseconds), <see cref="long.MaxValue"/> when empty.</summary>
    public long FirstNs { get; private set; } = long.MaxValue;

    /// <summary>End of the latest flow (Unix nanoseconds), <see cref="long.MinValue"/> when empty.</summary>
    public long LastNs { get; private set; } = long.MinValue;

    /// <summary>Flow contributions that a full table could not take (hosts, pairs or rollup rows past their bound).</summary>
    public long Overflow { get; private set; }

    /// <summary>Hourly rollups by site, country, protocol and port.</summary>
    public IReadOnlyDictionary<RollupKey, TrafficCounters> Hourly => _hourly;

    /// <summary>Fine (per-minute) rollups of the whole network by direction.</summary>
    public IReadOnlyDictionary<RollupKey, TrafficCounters> Fine => _fine;

    /// <summary>Host pairs, keyed with the inside end first.</summary>
    public IReadOnlyDictionary<(IpAddress A, IpAddress B), PairTraffic> Pairs => _pairs;

    /// <summary>Countries of outside ends, with when each was first seen.</summary>
    public IReadOnlyDictionary<CountryCode, CountryTraffic> Countries => _countries;

    /// <summary>The bucket number (since the epoch) holding <paramref name="ns"/>.</summary>
    public long BucketOf(long ns) => TimeBuckets.Of(ns, _bucketNs);

    /// <summary>One inside host's traffic in one bucket, or null when it had none.</summary>
    public HostBucket? HostAt(int host, long bucket) => _hostBuckets.GetValueOrDefault((host, bucket));

    /// <summary>The whole network's edge traffic in one bucket (bytes out/in cross the edge), or null when none.</summary>
    public HostBucket? SiteAt(long bucket) => _hostBuckets.GetValueOrDefault((SiteHost, bucket));

    /// <summary>Adds one flow with what enrichment says about its ends.</summary>
    public void Add(in FlowRecord flow, in FlowEnds ends)
    {
        if (flow.IsMacFlow)
            return;
        var first = flow.FirstNs;
        var last = Math.Max(flow.LastNs, first);
        Flows++;
        Packets += flow.Packets;
        Bytes += flow.Bytes;
        FirstNs = Math.Min(FirstNs, first);
        LastNs = Math.Max(LastNs, last);

        var direction = ends.Direction;
        var src = ends.SrcInside ? HostId(flow.SrcIp) : SiteHost;
        var dst = ends.DstInside ? HostId(flow.DstIp) : SiteHost;
        var share = new FlowShare(flow, ends, direction, src, dst);
        foreach (var (bucket, fraction, isFirst) in TimeBuckets.Shares(first, last, _bucketNs))
            AddBucket(bucket, fraction, isFirst, in share);
        foreach (var (bucket, fraction, isFirst) in TimeBuckets.Shares(first, last, _fineNs))
            AddRollup(_fine, new RollupKey(bucket, RollupDimension.Site, 0, direction), fraction, isFirst, share.OtherEnd, in share);
        AddPair(flow, ends);
        AddCountry(flow, ends);
    }

    private void AddBucket(long bucket, double fraction, bool isFirst, in FlowShare s)
    {
        var flow = s.Flow;
        var packets = flow.Packets * fraction;
        var fwd = flow.Forward.Bytes * fraction;
        var rev = flow.Reverse.Bytes * fraction;
        var newFlow = isFirst ? 1 : 0;
        if (s.Src != SiteHost)
        {
            var src = Bucket(s.Src, bucket);
            src.BytesOut += fwd;
            src.BytesIn += rev;
            src.Packets += packets;
            src.FlowsOut += newFlow;
            src.Peers.Add(flow.DstIp);
        }
        if (s.Dst != SiteHost)
        {
            var dst = Bucket(s.Dst, bucket);
            dst.BytesOut += rev;
            dst.BytesIn += fwd;
            dst.Packets += packets;
            dst.FlowsIn += newFlow;
            dst.Peers.Add(flow.SrcIp);
        }

        var site = Bucket(SiteHost, bucket);
        {
            site.Packets += packets;
            switch (s.Direction)
            {
                case TrafficDirection.Outbound:
                    site.BytesOut += fwd;
                    site.BytesIn += rev;
                    site.FlowsOut += newFlow;
                    site.Peers.Add(flow.DstIp);
                    break;
                case TrafficDirection.Inbound:
                    site.BytesOut += rev;
                    site.BytesIn += fwd;
                    site.FlowsIn += newFlow;
                    site.Peers.Add(flow.SrcIp);
                    break;
                case TrafficDirection.Internal:
                    site.FlowsOut += newFlow;
                    break;
            }
        }

        var direction = s.Direction;
        AddRollup(_hourly, new RollupKey(bucket, RollupDimension.Site, 0, direction), fraction, isFirst, s.OtherEnd, in s);
        AddRollup(_hourly, new RollupKey(bucket, RollupDimension.Protocol, flow.Protocol, direction), fraction, isFirst, s.OtherEnd, in s);
        AddRollup(_hourly, new RollupKey(bucket, RollupDimension.Port, ((ulong)flow.Protocol << 16) | flow.DstPort, direction),
            fraction, isFirst, s.OtherEnd, in s);
        var country = s.OutsideCountry;
        if (!country.IsNone)
            AddRollup(_hourly, new RollupKey(bucket, RollupDimension.Country, country.Packed, direction), fraction, isFirst, s.InsideEnd, in s);
        if (s.Src != SiteHost)
            AddRollup(_hourly, new RollupKey(bucket, RollupDimension.Host, (ulong)s.Src, direction), fraction, isFirst, flow.DstIp, in s);
        if (s.Dst != SiteHost)
            AddRollup(_hourly, new RollupKey(bucket, RollupDimension.Host, (ulong)s.Dst, direction), fraction, isFirst, flow.SrcIp, in s);
    }

    private void AddRollup(Dictionary<RollupKey, TrafficCounters> table, RollupKey key, double fraction, bool isFirst, IpAddress peer,
        in FlowShare s)
    {
        if (!table.TryGetValue(key, out var counters))
        {
            if (_hourly.Count + _fine.Count >= Options.MaxRollupRows)
            {
                Overflow++;
                return;
            }
            table[key] = counters = new TrafficCounters();
        }
        counters.Bytes += s.Flow.Bytes * fraction;
        counters.Packets += s.Flow.Packets * fraction;
        if (isFirst)
            counters.Flows++;
        counters.Peers.Add(peer);
    }

    private HostBucket Bucket(int host, long bucket)
    {
        if (_hostBuckets.TryGetValue((host, bucket), out var b))
            return b;
        return _hostBuckets[(host, bucket)] = new HostBucket();
    }

    private int HostId(IpAddress address)
    {
        if (_hostIds.TryGetValue(address, out var id))
            return id;
        if (_hosts.Count >= Options.MaxInsideHosts)
        {
            Overflow++;
            return SiteHost;
        }
        id = _hosts.Count;
        _hosts.Add(address);
        _hostIds[address] = id;
        return id;
    }

    private void AddPair(in FlowRecord flow, in FlowEnds ends)
    {
        // The inside end goes first, so that each inside host's peers are easy to find.
        var swap = !ends.SrcInside && ends.DstInside;
        var a = swap ? flow.DstIp : flow.SrcIp;
        var b = swap ? flow.SrcIp : flow.DstIp;
        if (!_pairs.TryGetValue((a, b), out var pair))
        {
            if (_pairs.Count >= Options.MaxPairs)
            {
                Overflow++;
                return;
            }
            _pairs[(a, b)] = pair = new PairTraffic
            {
                BInside = swap ? ends.SrcInside : ends.DstInside,
                BCountry = swap ? ends.SrcCountry : ends.DstCountry,
            };
        }
        pair.BytesAToB += swap ? flow.Reverse.Bytes : flow.Forward.Bytes;
        pair.BytesBToA += swap ? flow.Forward.Bytes : flow.Reverse.Bytes;
        pair.PacketsAToB += swap ? flow.Reverse.Packets : flow.Forward.Packets;
        pair.PacketsBToA += swap ? flow.Forward.Packets : flow.Reverse.Packets;
        pair.Flows++;
        if (swap)
            pair.FlowsFromB++;
        pair.FirstNs = Math.Min(pair.FirstNs, flow.FirstNs);
        pair.LastNs = Math.Max(pair.LastNs, flow.LastNs);
    }

    private void AddCountry(in FlowRecord flow, in FlowEnds ends)
    {
        var direction = ends.Direction;
        if (direction is not (TrafficDirection.Outbound or TrafficDirection.Inbound))
            return;
        var outbound = direction == TrafficDirection.Outbound;
        var country = outbound ? ends.DstCountry : ends.SrcCountry;
        if (country.IsNone)
            return;
        if (!_countries.TryGetValue(country, out var traffic))
            _countries[country] = traffic = new CountryTraffic();
        var inside = outbound ? flow.SrcIp : flow.DstIp;
        var outside = outbound ? flow.DstIp : flow.SrcIp;
        if (flow.FirstNs < traffic.FirstNs)
        {
            traffic.FirstNs = flow.FirstNs;
            traffic.FirstInside = inside;
            traffic.FirstOutside = outside;
        }
        traffic.Flows++;
        traffic.Bytes += flow.Bytes;
        traffic.InsideHosts.Add(inside);
        traffic.OutsideHosts.Add(outside);
    }

    /// <summary>What every bucket of one flow needs, computed once.</summary>
    private readonly struct FlowShare(FlowRecord flow, FlowEnds ends, TrafficDirection direction, int src, int dst)
    {
        public readonly FlowRecord Flow = flow;
        public readonly TrafficDirection Direction = direction;
        public readonly int Src = src;
        public readonly int Dst = dst;

        /// <summary>The end that counts as the peer in network rollups: the outside end, or the responder.</summary>
        public IpAddress OtherEnd => Direction == TrafficDirection.Inbound ? Flow.SrcIp : Flow.DstIp;

        /// <summary>The inside end (the initiator when both or neither are inside).</summary>
        public IpAddress InsideEnd => Direction == TrafficDirection.Inbound ? Flow.DstIp : Flow.SrcIp;

        public CountryCode OutsideCountry => Direction switch
        {
            TrafficDirection.Outbound => ends.DstCountry,
            TrafficDirection.Inbound => ends.SrcCountry,
            _ => CountryCode.None,
        };
    }
}
