using System.Globalization;
using System.Net;

namespace Fennec.Simulation.Network;

/// <summary>A public IPv4 network registered in one country.</summary>
/// <param name="Country">The ISO 3166-1 code GeoIP gives the whole network.</param>
/// <param name="Network">The network address, host order.</param>
/// <param name="Length">The prefix length.</param>
/// <param name="Owner">Who holds the network (for readers of the table).</param>
public readonly record struct CountryPrefix(string Country, uint Network, int Length, string Owner)
{
    /// <summary>Addresses in the network.</summary>
    public long Size => 1L << (32 - Length);

    /// <summary>The address at <paramref name="offset"/> from the network address (host order).</summary>
    public uint At(long offset) => Network + (uint)(offset & (Size - 1));

    /// <summary>True when <paramref name="address"/> (host order) is in the network.</summary>
    public bool Contains(uint address) => Length == 0 || (address >> (32 - Length)) == (Network >> (32 - Length));

    /// <summary>Parses "a.b.c.d/n".</summary>
    public static CountryPrefix Parse(string country, string cidr, string owner)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        var bytes = IPAddress.Parse(cidr[..slash]).GetAddressBytes();
        var network = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        var length = int.Parse(cidr[(slash + 1)..], CultureInfo.InvariantCulture);
        return new CountryPrefix(country, network, length, owner);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Country} {SimulatedNetwork.Format(Network)}/{Length} ({Owner})";
}
