namespace Fennec.Packets.Decoding;

/// <summary>IP protocol numbers the decoder acts on.</summary>
public static class IpProtocol
{
    /// <summary>IPv6 hop-by-hop options.</summary>
    public const byte HopByHop = 0;

    /// <summary>ICMP.</summary>
    public const byte Icmp = 1;

    /// <summary>IPv4 encapsulated in IP.</summary>
    public const byte IPv4InIp = 4;

    /// <summary>TCP.</summary>
    public const byte Tcp = 6;

    /// <summary>UDP.</summary>
    public const byte Udp = 17;

    /// <summary>IPv6 encapsulated in IP.</summary>
    public const byte IPv6InIp = 41;

    /// <summary>IPv6 routing header.</summary>
    public const byte Routing = 43;

    /// <summary>IPv6 fragment header.</summary>
    public const byte Fragment = 44;

    /// <summary>GRE.</summary>
    public const byte Gre = 47;

    /// <summary>ESP.</summary>
    public const byte Esp = 50;

    /// <summary>Authentication header.</summary>
    public const byte Ah = 51;

    /// <summary>ICMPv6.</summary>
    public const byte Icmpv6 = 58;

    /// <summary>No next header.</summary>
    public const byte NoNextHeader = 59;

    /// <summary>IPv6 destination options.</summary>
    public const byte DestinationOptions = 60;

    /// <summary>IPv6 mobility header.</summary>
    public const byte Mobility = 135;

    /// <summary>PIM.</summary>
    public const byte Pim = 103;

    /// <summary>SCTP.</summary>
    public const byte Sctp = 132;

    /// <summary>Host identity protocol.</summary>
    public const byte Hip = 139;

    /// <summary>Shim6.</summary>
    public const byte Shim6 = 140;
}
