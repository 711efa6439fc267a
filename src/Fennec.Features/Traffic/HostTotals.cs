using Fennec.Enrichment.Geo;
using Fennec.Packets.Decoding;

namespace Fennec.Features.Traffic;

/// <summary>One host's traffic over the whole run, summed from the host pairs it belongs to.</summary>
public sealed class HostTotals(IpAddress address, bool inside, CountryCode country)
{
    /// <summary>The host.</summary>
    public IpAddress Address { get; } = address;

    /// <summary>Whether it is inside the home networks.</summary>
    public bool Inside { get; } = inside;

    /// <summary>Its country (none when inside or unknown).</summary>
    public CountryCode Country { get; } = country;

    /// <summary>First packet (Unix nanoseconds).</summary>
    public long FirstNs { get; private set; } = long.MaxValue;

    /// <summary>Last packet (Unix nanoseconds).</summary>
    public long LastNs { get; private set; } = long.MinValue;

    /// <summary>Bytes sent.</summary>
    public long BytesOut { get; private set; }

    /// <summary>Bytes received.</summary>
    public long BytesIn { get; private set; }

    /// <summary>Packets sent.</summary>
    public long PacketsOut { get; private set; }

    /// <summary>Packets received.</summary>
    public long PacketsIn { get; private set; }

    /// <summary>Flows it initiated.</summary>
    public long FlowsOut { get; private set; }

    /// <summary>Flows others initiated towards it.</summary>
    public long FlowsIn { get; private set; }

    /// <summary>Distinct peers (pairs it belongs to).</summary>
    public long Peers { get; private set; }

    /// <summary>Bytes either way.</summary>
    public long Bytes => BytesOut + BytesIn;

    /// <summary>
    /// Every host of <paramref name="profile"/>'s pairs with its totals, busiest (by bytes) first. Hosts are only as
    /// complete as the pair table: pairs past its bound are in <see cref="TrafficProfile.Overflow"/>.
    /// </summary>
    public static IReadOnlyList<HostTotals> Of(TrafficProfile profile)
    {
        var insideHosts = new HashSet<IpAddress>(profile.InsideHosts);
        var hosts = new Dictionary<IpAddress, HostTotals>();
        foreach (var ((a, b), pair) in profile.Pairs)
        {
            var first = Get(hosts, a, insideHosts.Contains(a), CountryCode.None);
            var second = Get(hosts, b, pair.BInside, pair.BCountry);
            first.Add(pair, pair.BytesAToB, pair.BytesBToA, pair.PacketsAToB, pair.PacketsBToA, pair.Flows - pair.FlowsFromB, pair.FlowsFromB);
            second.Add(pair, pair.BytesBToA, pair.BytesAToB, pair.PacketsBToA, pair.PacketsAToB, pair.FlowsFromB, pair.Flows - pair.FlowsFromB);
        }
        return [.. hosts.Values.OrderByDescending(h => h.Bytes).ThenBy(h => h.Address.ToString(), StringComparer.Ordinal)];
    }

    private static HostTotals Get(Dictionary<IpAddress, HostTotals> hosts, IpAddress address, bool inside, CountryCode country)
    {
        if (!hosts.TryGetValue(address, out var totals))
            hosts[address] = totals = new HostTotals(address, inside, country);
        return totals;
    }

    private void Add(PairTraffic pair, long bytesOut, long bytesIn, long packetsOut, long packetsIn, long flowsOut, long flowsIn)
    {
        FirstNs = Math.Min(FirstNs, pair.FirstNs);
        LastNs = Math.Max(LastNs, pair.LastNs);
        BytesOut += bytesOut;
        BytesIn += bytesIn;
        PacketsOut += packetsOut;
        PacketsIn += packetsIn;
        FlowsOut += flowsOut;
        FlowsIn += flowsIn;
        Peers++;
    }
}
