using Fennec.Packets.Decoding;

namespace Fennec.Flows.Collection;

/// <summary>
/// One unidirectional flow as a NetFlow, IPFIX or sFlow exporter reported it, in one shape for every protocol. A
/// struct the decoders fill and hand to an <see cref="ITelemetrySink"/>; consumers copy what they keep. Counters are
/// as carried on the wire; <see cref="ScaledPackets"/> and <see cref="ScaledBytes"/> apply the sampling rate.
/// </summary>
public struct TelemetryRecord
{
    /// <summary>The format the record arrived in.</summary>
    public TelemetryProtocol Protocol;

    /// <summary>The exporter: the datagram's source address (sFlow: the agent address it names).</summary>
    public IpAddress Exporter;

    /// <summary>v9 source id, IPFIX observation domain, sFlow sub-agent id; v5 engine type * 256 + engine id.</summary>
    public uint ObservationDomain;

    /// <summary>The template the record was decoded with (v9 and IPFIX; 0 otherwise).</summary>
    public ushort TemplateId;

    /// <summary>When the exporter sent the datagram, from its header (Unix ns).</summary>
    public long ExportNs;

    /// <summary>First packet of the flow (Unix ns); for sFlow the sample's time.</summary>
    public long FirstNs;

    /// <summary>Last packet of the flow (Unix ns).</summary>
    public long LastNs;

    /// <summary>Source address.</summary>
    public IpAddress SrcIp;

    /// <summary>Destination address.</summary>
    public IpAddress DstIp;

    /// <summary>Next hop (IP or BGP next hop, whichever the record carries; IP wins).</summary>
    public IpAddress NextHop;

    /// <summary>Source port (0 for ICMP).</summary>
    public ushort SrcPort;

    /// <summary>Destination port (for ICMP, 0).</summary>
    public ushort DstPort;

    /// <summary>ICMP type * 256 + code.</summary>
    public ushort IcmpTypeCode;

    /// <summary>IP protocol number.</summary>
    public byte IpProtocol;

    /// <summary>4 or 6 (0 when the record carries no addresses).</summary>
    public byte IpVersion;

    /// <summary>TCP flags seen over the flow (OR of the packets').</summary>
    public byte TcpFlags;

    /// <summary>IP type of service / traffic class.</summary>
    public byte Tos;

    /// <summary>Source prefix length from the routing table.</summary>
    public byte SrcMask;

    /// <summary>Destination prefix length.</summary>
    public byte DstMask;

    /// <summary>0 ingress, 1 egress, 255 when the record does not say.</summary>
    public byte Direction;

    /// <summary>The forwarding status byte (RFC 7270): its top two bits 01 forwarded, 10 dropped, 11 consumed.</summary>
    public byte ForwardingStatus;

    /// <summary>Packets, as carried (before sampling is applied).</summary>
    public ulong Packets;

    /// <summary>Bytes of layer 3 and up, as carried.</summary>
    public ulong Bytes;

    /// <summary>Reverse packets of an RFC 5103 biflow (0 otherwise).</summary>
    public ulong ReversePackets;

    /// <summary>Reverse bytes of an RFC 5103 biflow.</summary>
    public ulong ReverseBytes;

    /// <summary>One packet in this many was sampled; 1 unsampled; 0 when no rate is known (counted, not guessed).</summary>
    public uint SamplingRate;

    /// <summary>Input interface index.</summary>
    public uint InputInterface;

    /// <summary>Output interface index.</summary>
    public uint OutputInterface;

    /// <summary>Source autonomous system.</summary>
    public uint SrcAs;

    /// <summary>Destination autonomous system.</summary>
    public uint DstAs;

    /// <summary>Source MAC address.</summary>
    public MacAddress SrcMac;

    /// <summary>Destination MAC address.</summary>
    public MacAddress DstMac;

    /// <summary>VLAN id.</summary>
    public ushort Vlan;

    /// <summary>Packets with the sampling rate applied (as carried when no rate is known).</summary>
    public readonly ulong ScaledPackets => Packets * Math.Max(SamplingRate, 1u);

    /// <summary>Bytes with the sampling rate applied.</summary>
    public readonly ulong ScaledBytes => Bytes * Math.Max(SamplingRate, 1u);
}
