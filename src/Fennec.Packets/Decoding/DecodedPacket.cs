using Fennec.Packets.Capture;

namespace Fennec.Packets.Decoding;

/// <summary>
/// The headers of one packet, filled in place by <see cref="PacketDecoder"/>. Addresses and ports are those of the
/// innermost IP header when the packet is tunnelled; <see cref="TunnelDepth"/> says how many encapsulations were
/// crossed. A plain struct so that a caller can reuse one instance for every packet without allocating.
/// </summary>
public struct DecodedPacket
{
    /// <summary>Capture time in nanoseconds since the Unix epoch.</summary>
    public long TimestampNs;

    /// <summary>Bytes captured.</summary>
    public int CapturedLength;

    /// <summary>Bytes on the wire (at least <see cref="CapturedLength"/> for well-formed captures).</summary>
    public int WireLength;

    /// <summary>Interface index within the capture (pcapng interface id; 0 for pcap).</summary>
    public int InterfaceId;

    /// <summary>The link type the frame was decoded as.</summary>
    public LinkType LinkType;

    /// <summary>Source MAC address, zero when the link has none.</summary>
    public MacAddress SrcMac;

    /// <summary>Destination MAC address, zero when the link has none.</summary>
    public MacAddress DstMac;

    /// <summary>The outermost VLAN id, 0 when untagged.</summary>
    public ushort VlanId;

    /// <summary>The second VLAN id of a QinQ stack, 0 when there is none.</summary>
    public ushort InnerVlanId;

    /// <summary>How many VLAN tags the frame carried.</summary>
    public byte VlanCount;

    /// <summary>How many MPLS labels were popped.</summary>
    public byte MplsDepth;

    /// <summary>The top MPLS label, 0 when there is none.</summary>
    public uint MplsLabel;

    /// <summary>The ethertype of the network layer after link headers and tags (0x0800, 0x86DD, 0x0806, ...).</summary>
    public ushort EtherType;

    /// <summary>4 or 6 when an IP header was decoded, otherwise 0.</summary>
    public byte IpVersion;

    /// <summary>Source address (IP, or the ARP sender protocol address).</summary>
    public IpAddress SrcIp;

    /// <summary>Destination address (IP, or the ARP target protocol address).</summary>
    public IpAddress DstIp;

    /// <summary>The innermost IP packet's length as its header declares it (IPv6: payload length plus 40), 0 without IP.</summary>
    public int IpLength;

    /// <summary>IP protocol number of the transport (after IPv6 extension headers).</summary>
    public byte Protocol;

    /// <summary>IPv4 TTL or IPv6 hop limit.</summary>
    public byte Ttl;

    /// <summary>IPv4 type of service or IPv6 traffic class.</summary>
    public byte Tos;

    /// <summary>Transport source port (TCP, UDP, SCTP), 0 otherwise.</summary>
    public ushort SrcPort;

    /// <summary>Transport destination port (TCP, UDP, SCTP), 0 otherwise.</summary>
    public ushort DstPort;

    /// <summary>TCP control bits.</summary>
    public TcpFlags TcpFlags;

    /// <summary>TCP sequence number.</summary>
    public uint TcpSeq;

    /// <summary>TCP acknowledgment number.</summary>
    public uint TcpAck;

    /// <summary>TCP window (unscaled).</summary>
    public ushort TcpWindow;

    /// <summary>ICMP or ICMPv6 type.</summary>
    public byte IcmpType;

    /// <summary>ICMP or ICMPv6 code.</summary>
    public byte IcmpCode;

    /// <summary>ARP operation (1 request, 2 reply), 0 when not ARP.</summary>
    public ushort ArpOperation;

    /// <summary>Offset of the transport payload (or of the first unparsed byte) within the frame.</summary>
    public int PayloadOffset;

    /// <summary>Payload length as the headers declare it (may exceed what was captured).</summary>
    public int PayloadLength;

    /// <summary>True when the innermost IP packet is a fragment (first or later).</summary>
    public bool IsFragment;

    /// <summary>True when the fragment's more-fragments flag is set.</summary>
    public bool MoreFragments;

    /// <summary>The fragment offset in bytes.</summary>
    public int FragmentOffset;

    /// <summary>The fragment identification (IPv4 16 bits, IPv6 32 bits).</summary>
    public uint FragmentId;

    /// <summary>How many encapsulations (IP-in-IP, GRE, VXLAN) lie outside the innermost IP header.</summary>
    public byte TunnelDepth;

    /// <summary>For ICMP error messages: the protocol of the quoted packet, otherwise 0.</summary>
    public byte QuotedProtocol;

    /// <summary>For ICMP error messages: the quoted packet's source address.</summary>
    public IpAddress QuotedSrcIp;

    /// <summary>For ICMP error messages: the quoted packet's destination address.</summary>
    public IpAddress QuotedDstIp;

    /// <summary>For ICMP error messages: the quoted packet's source port.</summary>
    public ushort QuotedSrcPort;

    /// <summary>For ICMP error messages: the quoted packet's destination port.</summary>
    public ushort QuotedDstPort;

    /// <summary>How far decoding got.</summary>
    public DecodeStatus Status;

    /// <summary>The layer the status refers to (for truncated and malformed packets).</summary>
    public DecodeLayer StatusLayer;

    /// <summary>True when the innermost packet's TCP, UDP or SCTP ports were read.</summary>
    public bool HasPorts;

    /// <summary>True when the innermost packet's ICMP or ICMPv6 type and code were read.</summary>
    public bool HasIcmp;

}
