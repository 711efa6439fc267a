namespace Fennec.Packets.Decoding;

/// <summary>How far decoding of a packet got.</summary>
public enum DecodeStatus : byte
{
    /// <summary>Every header the decoder knows was read; what follows is payload or an unknown protocol.</summary>
    Complete = 0,

    /// <summary>The captured bytes ended inside the header of <see cref="DecodedPacket.StatusLayer"/>.</summary>
    Truncated = 1,

    /// <summary>A header of <see cref="DecodedPacket.StatusLayer"/> holds an impossible value.</summary>
    Malformed = 2,

    /// <summary>The link type is not one the decoder reads; only capture metadata is filled.</summary>
    UnsupportedLinkType = 3,
}

/// <summary>The protocol layer a <see cref="DecodeStatus"/> refers to.</summary>
public enum DecodeLayer : byte
{
    /// <summary>No particular layer.</summary>
    None = 0,

    /// <summary>The link-layer header (Ethernet, cooked, loopback, radiotap, 802.11, PPP).</summary>
    Link,

    /// <summary>An 802.1Q or 802.1ad tag.</summary>
    Vlan,

    /// <summary>An MPLS label stack entry.</summary>
    Mpls,

    /// <summary>A PPPoE header.</summary>
    Pppoe,

    /// <summary>An ARP message.</summary>
    Arp,

    /// <summary>The IPv4 header.</summary>
    IPv4,

    /// <summary>The IPv6 header.</summary>
    IPv6,

    /// <summary>An IPv6 extension header.</summary>
    IPv6Extension,

    /// <summary>A GRE header.</summary>
    Gre,

    /// <summary>A VXLAN header.</summary>
    Vxlan,

    /// <summary>The TCP header.</summary>
    Tcp,

    /// <summary>The UDP header.</summary>
    Udp,

    /// <summary>The SCTP common header.</summary>
    Sctp,

    /// <summary>The ICMP header.</summary>
    Icmp,

    /// <summary>The ICMPv6 header.</summary>
    Icmpv6,

    /// <summary>The nesting of tunnels exceeded the decoder's bound.</summary>
    Tunnel,
}
