using Fennec.Enrichment.Geo;
using Fennec.Flows.Collection;
using Fennec.Packets.Decoding;

namespace Fennec.Storage;

/// <summary>
/// One flow row as the store keeps it: a bidirectional flow from a capture, or one direction of a flow reported by
/// telemetry. A plain struct passed by <c>in</c>, so filling and adding a row allocates nothing; the two strings are
/// meant to be shared constants (Zeek states, end reasons), not built per row.
/// </summary>
public struct StoredFlow
{
    /// <summary>First packet (Unix ns).</summary>
    public long FirstNs;

    /// <summary>Last packet (Unix ns).</summary>
    public long LastNs;

    /// <summary>Source (initiator) address.</summary>
    public IpAddress SrcIp;

    /// <summary>Destination (responder) address.</summary>
    public IpAddress DstIp;

    /// <summary>Source port (0 where the protocol has none).</summary>
    public ushort SrcPort;

    /// <summary>Destination port (ICMP: type and code, as NetFlow carries them).</summary>
    public ushort DstPort;

    /// <summary>IP protocol number.</summary>
    public byte Protocol;

    /// <summary>VLAN id (0: none).</summary>
    public ushort Vlan;

    /// <summary>Packets from source to destination (for telemetry, scaled by the sampling rate).</summary>
    public long PacketsFwd;

    /// <summary>Bytes from source to destination.</summary>
    public long BytesFwd;

    /// <summary>Packets from destination to source.</summary>
    public long PacketsRev;

    /// <summary>Bytes from destination to source.</summary>
    public long BytesRev;

    /// <summary>TCP flags seen from the source (OR of the packets').</summary>
    public byte TcpFlagsFwd;

    /// <summary>TCP flags seen from the destination.</summary>
    public byte TcpFlagsRev;

    /// <summary>Zeek's conn_state; null for telemetry, which does not know it.</summary>
    public string? State;

    /// <summary>Why the record ended (idle, active, fin, rst, end, evicted); null when unknown.</summary>
    public string? EndReason;

    /// <summary>One packet in this many was sampled (1 or 0: counts are exact or the rate is unknown).</summary>
    public uint SamplingRate;

    /// <summary>The source's country (<see cref="CountryCode.None"/>: unknown).</summary>
    public CountryCode SrcCountry;

    /// <summary>The destination's country.</summary>
    public CountryCode DstCountry;

    /// <summary>The source's autonomous system (0: unknown).</summary>
    public uint SrcAsn;

    /// <summary>The destination's autonomous system.</summary>
    public uint DstAsn;

    /// <summary>True when the source is in a home network.</summary>
    public bool SrcInside;

    /// <summary>True when the destination is in a home network.</summary>
    public bool DstInside;

    /// <summary>The exporter that reported the flow (telemetry); <see cref="IpAddress.None"/> for captures.</summary>
    public IpAddress Exporter;

    /// <summary>
    /// A row from one telemetry record: counters scaled by the sampling rate (the rate is kept in
    /// <see cref="SamplingRate"/>), RFC 5103 reverse counters in the reverse fields, the exporter's AS numbers.
    /// </summary>
    public static StoredFlow FromTelemetry(in TelemetryRecord record)
    {
        var scale = Math.Max(record.SamplingRate, 1u);
        return new StoredFlow
        {
            FirstNs = record.FirstNs,
            LastNs = record.LastNs,
            SrcIp = record.SrcIp,
            DstIp = record.DstIp,
            SrcPort = record.SrcPort,
            DstPort = record.IpProtocol is 1 or 58 && record.DstPort == 0 ? record.IcmpTypeCode : record.DstPort,
            Protocol = record.IpProtocol,
            Vlan = record.Vlan,
            PacketsFwd = (long)record.ScaledPackets,
            BytesFwd = (long)record.ScaledBytes,
            PacketsRev = (long)(record.ReversePackets * scale),
            BytesRev = (long)(record.ReverseBytes * scale),
            TcpFlagsFwd = record.TcpFlags,
            SamplingRate = record.SamplingRate,
            SrcAsn = record.SrcAs,
            DstAsn = record.DstAs,
            Exporter = record.Exporter,
        };
    }
}
