using Fennec.Packets.Decoding;

namespace Fennec.Enrichment.Home;

/// <summary>
/// The networks that count as inside (home): an address is inside when any of them holds it. Held as one hash set
/// of network addresses per prefix length and family, so <see cref="Contains"/> costs one masked probe per
/// distinct length and allocates nothing. Immutable, so safe to share between threads.
/// </summary>
public sealed class HomeNetworks
{
    /// <summary>
    /// Private (RFC 1918), loopback, link-local and unique-local networks. Not 100.64.0.0/10: carrier-grade NAT
    /// space belongs to the ISP, so those addresses are on the far side of the home router, not inside.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultCidrs =
    [
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
        "127.0.0.0/8", "::1/128",
        "169.254.0.0/16", "fe80::/10",
        "fc00::/7",
    ];

    private readonly Table[] _v4;
    private readonly Table[] _v6;

    private HomeNetworks(IReadOnlyList<CidrPrefix> networks)
    {
        Networks = networks;
        _v4 = Tables(networks.Where(n => n.CoversIPv4));
        _v6 = Tables(networks.Where(n => n.CoversIPv6));
    }

    /// <summary>The default home networks (<see cref="DefaultCidrs"/>).</summary>
    public static HomeNetworks Default { get; } = Parse(DefaultCidrs);

    /// <summary>The networks, host bits cleared.</summary>
    public IReadOnlyList<CidrPrefix> Networks { get; }

    /// <summary>Home networks from CIDR strings ("10.0.0.0/8", "2001:db8::/32"); a bad one is named in the error.</summary>
    public static HomeNetworks Parse(IEnumerable<string> cidrs) => new([.. cidrs.Select(c => CidrPrefix.Parse(c.Trim()))]);

    /// <summary>True when <paramref name="address"/> is in a home network; no allocation.</summary>
    public bool Contains(IpAddress address)
    {
        var key = new UInt128(address.High, address.Low);
        foreach (var table in address.IsIPv4 ? _v4 : _v6)
        {
            if (table.Networks.Contains(key & table.Mask))
                return true;
        }

        return false;
    }

    private static Table[] Tables(IEnumerable<CidrPrefix> networks) =>
    [
        .. networks.GroupBy(n => n.Length)
            .OrderBy(g => g.Key)
            .Select(g => new Table(CidrPrefix.Mask(g.Key), [.. g.Select(n => n.Network)])),
    ];

    private readonly record struct Table(UInt128 Mask, HashSet<UInt128> Networks);
}
