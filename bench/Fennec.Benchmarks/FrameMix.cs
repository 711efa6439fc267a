namespace Fennec.Benchmarks;

/// <summary>Which real frames a decoding benchmark runs on, so each decoder path can be timed alone.</summary>
public enum FrameMix
{
    /// <summary>All of the ones below together.</summary>
    Mixed,

    /// <summary>Ethernet, IPv4, TCP.</summary>
    IPv4Tcp,

    /// <summary>Ethernet, IPv4, UDP (DNS).</summary>
    IPv4Udp,

    /// <summary>Ethernet, IPv6.</summary>
    IPv6,

    /// <summary>VLAN, MPLS, PPPoE and tunnels (GRE, ERSPAN, VXLAN, Geneve, Teredo).</summary>
    Encapsulated,
}
