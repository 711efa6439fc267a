using Fennec.Enrichment.Geo;
using Fennec.Packets.Decoding;

namespace Fennec.Storage;

/// <summary>What a run saw of one host: where it is, when it was active, and its traffic by direction.</summary>
/// <param name="Ip">The host's address.</param>
/// <param name="Inside">True when it is in a home network.</param>
/// <param name="Country">Its country (<see cref="CountryCode.None"/>: unknown).</param>
/// <param name="Asn">Its autonomous system (0: unknown).</param>
/// <param name="FirstNs">First packet seen (Unix ns).</param>
/// <param name="LastNs">Last packet seen (Unix ns).</param>
/// <param name="BytesOut">Bytes it sent.</param>
/// <param name="BytesIn">Bytes it received.</param>
/// <param name="PacketsOut">Packets it sent.</param>
/// <param name="PacketsIn">Packets it received.</param>
/// <param name="FlowsOut">Flows it initiated.</param>
/// <param name="FlowsIn">Flows others initiated towards it.</param>
/// <param name="Peers">Distinct hosts it exchanged traffic with.</param>
public sealed record StoredHost(
    IpAddress Ip, bool Inside, CountryCode Country, uint Asn, long FirstNs, long LastNs,
    long BytesOut, long BytesIn, long PacketsOut, long PacketsIn, long FlowsOut, long FlowsIn, long Peers);
