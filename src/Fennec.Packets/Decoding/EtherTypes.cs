namespace Fennec.Packets.Decoding;

/// <summary>Ethertypes the decoder acts on.</summary>
public static class EtherTypes
{
    /// <summary>IPv4.</summary>
    public const ushort IPv4 = 0x0800;

    /// <summary>ARP.</summary>
    public const ushort Arp = 0x0806;

    /// <summary>Transparent Ethernet bridging (Ethernet inside GRE).</summary>
    public const ushort TransparentEthernet = 0x6558;

    /// <summary>802.1Q customer VLAN tag.</summary>
    public const ushort Vlan = 0x8100;

    /// <summary>IPv6.</summary>
    public const ushort IPv6 = 0x86DD;

    /// <summary>PPP (inside GRE version 1).</summary>
    public const ushort Ppp = 0x880B;

    /// <summary>MPLS unicast.</summary>
    public const ushort Mpls = 0x8847;

    /// <summary>MPLS multicast.</summary>
    public const ushort MplsMulticast = 0x8848;

    /// <summary>Cisco FabricPath.</summary>
    public const ushort FabricPath = 0x8903;

    /// <summary>PPPoE discovery.</summary>
    public const ushort PppoeDiscovery = 0x8863;

    /// <summary>PPPoE session.</summary>
    public const ushort PppoeSession = 0x8864;

    /// <summary>802.1ad service VLAN tag.</summary>
    public const ushort QinQ = 0x88A8;

    /// <summary>ERSPAN type II (inside GRE).</summary>
    public const ushort ErspanII = 0x88BE;

    /// <summary>Legacy QinQ tag.</summary>
    public const ushort QinQLegacy = 0x9100;
}
