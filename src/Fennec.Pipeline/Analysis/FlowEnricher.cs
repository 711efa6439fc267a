using Fennec.Enrichment.Asn;
using Fennec.Enrichment.Geo;
using Fennec.Enrichment.Home;
using Fennec.Features.Traffic;
using Fennec.Packets.Decoding;

namespace Fennec.Pipeline.Analysis;

/// <summary>Marks each end of a flow inside or outside the home networks and looks up the outside ends' country and AS.</summary>
public sealed class FlowEnricher(HomeNetworks home, GeoDatabase? geo, AsnRangeTable? asn)
{
    /// <summary>The ends of a flow from <paramref name="src"/> (the initiator) to <paramref name="dst"/>.</summary>
    public FlowEnds Enrich(IpAddress src, IpAddress dst)
    {
        var srcInside = home.Contains(src);
        var dstInside = home.Contains(dst);
        return new FlowEnds(srcInside, dstInside, Country(src, srcInside), Country(dst, dstInside), Asn(src, srcInside), Asn(dst, dstInside));
    }

    /// <summary>Whether <paramref name="address"/> is inside the home networks.</summary>
    public bool IsInside(IpAddress address) => home.Contains(address);

    private CountryCode Country(IpAddress address, bool inside) =>
        inside || geo is null ? CountryCode.None : geo.LookupCountry(address);

    private uint Asn(IpAddress address, bool inside) =>
        !inside && asn is not null && asn.TryLookup(address, out var match) ? match.Number : 0;
}
