using Fennec.Enrichment.Geo;

namespace Fennec.Features.Traffic;

/// <summary>
/// Traffic between two hosts over the whole run: A is the inside end when exactly one end is inside (else the
/// initiator of the first flow seen), B the other.
/// </summary>
public sealed class PairTraffic
{
    /// <summary>Bytes from A to B.</summary>
    public long BytesAToB { get; set; }

    /// <summary>Bytes from B to A.</summary>
    public long BytesBToA { get; set; }

    /// <summary>Packets from A to B.</summary>
    public long PacketsAToB { get; set; }

    /// <summary>Packets from B to A.</summary>
    public long PacketsBToA { get; set; }

    /// <summary>Packets either way.</summary>
    public long Packets => PacketsAToB + PacketsBToA;

    /// <summary>Flows either way.</summary>
    public long Flows { get; set; }

    /// <summary>Flows that B initiated.</summary>
    public long FlowsFromB { get; set; }

    /// <summary>First packet (Unix nanoseconds).</summary>
    public long FirstNs { get; set; } = long.MaxValue;

    /// <summary>Last packet (Unix nanoseconds).</summary>
    public long LastNs { get; set; } = long.MinValue;

    /// <summary>Whether B is inside the home networks.</summary>
    public bool BInside { get; set; }

    /// <summary>B's country (none when inside or unknown).</summary>
    public CountryCode BCountry { get; set; }

    /// <summary>Bytes either way.</summary>
    public long Bytes => BytesAToB + BytesBToA;
}
