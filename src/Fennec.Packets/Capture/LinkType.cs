namespace Fennec.Packets.Capture;

/// <summary>Link-layer header types as registered for pcap and pcapng (LINKTYPE_* values).</summary>
public enum LinkType : ushort
{
    /// <summary>BSD loopback: a 4-byte address family in the capturing host's byte order.</summary>
    Null = 0,

    /// <summary>Ethernet II / 802.3.</summary>
    Ethernet = 1,

    /// <summary>PPP with an optional HDLC-like address/control prefix.</summary>
    Ppp = 9,

    /// <summary>Raw IP as some BSDs number it (DLT_RAW = 12).</summary>
    RawBsd12 = 12,

    /// <summary>Raw IP as other BSDs number it (DLT_RAW = 14).</summary>
    RawBsd14 = 14,

    /// <summary>PPP in HDLC-like framing (RFC 1662).</summary>
    PppHdlc = 50,

    /// <summary>PPPoE: the PPPoE header followed by PPP.</summary>
    PppEther = 51,

    /// <summary>Raw IPv4 or IPv6, version taken from the first nibble.</summary>
    Raw = 101,

    /// <summary>Cisco HDLC: address, control and a 16-bit ethertype.</summary>
    CiscoHdlc = 104,

    /// <summary>802.11 frames without a radio header.</summary>
    Ieee80211 = 105,

    /// <summary>OpenBSD loopback: a 4-byte address family in network byte order.</summary>
    Loop = 108,

    /// <summary>Linux cooked capture, version 1.</summary>
    LinuxSll = 113,

    /// <summary>802.11 with a radiotap header.</summary>
    Ieee80211Radiotap = 127,

    /// <summary>Solaris ipnet.</summary>
    Ipnet = 226,

    /// <summary>Raw IPv4.</summary>
    IPv4 = 228,

    /// <summary>Raw IPv6.</summary>
    IPv6 = 229,

    /// <summary>Linux netfilter NFLOG messages.</summary>
    Nflog = 239,

    /// <summary>Linux cooked capture, version 2.</summary>
    LinuxSll2 = 276,
}
