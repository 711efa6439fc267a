using System.Buffers.Binary;
using Fennec.Packets.Capture;
using Fennec.TestSupport;

namespace Fennec.Packets.Tests.Robustness;

/// <summary>Well-formed frames of every link type and encapsulation the decoder knows: the starting points for mutation.</summary>
internal static class SeedFrames
{
    public static IReadOnlyList<(byte[] Frame, LinkType Link)> All()
    {
        var tcp = Frames.IPv4("10.0.0.1", "10.0.0.2", 6, Frames.Tcp(1000, 80, 0x18, new byte[20], optionBytes: 12));
        var udp6 = Frames.IPv6("2001:db8::1", "2001:db8::2", 0, Frames.IPv6Extension(44, 8, Frames.IPv6Fragment(17, 0, true, 9, Frames.Udp(53, 5353, new byte[12]))));
        var icmp = Frames.IPv4("10.0.0.2", "10.0.0.1", 1, Frames.Icmp(3, 1, Frames.Concat(new byte[4], tcp[..28])));
        var gre = Frames.IPv4("1.1.1.1", "2.2.2.2", 47, Frames.Concat(new byte[] { 0xB0, 0, 0x65, 0x58, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2 }, Frames.Ethernet(0x0800, tcp)));
        var vxlan = Frames.IPv4("1.1.1.1", "2.2.2.2", 17, Frames.Udp(1, 4789, Frames.Concat(new byte[] { 8, 0, 0, 0, 0, 0, 1, 0 }, Frames.Ethernet(0x86DD, udp6))));
        var gtp = Frames.IPv4("1.1.1.1", "2.2.2.2", 17, Frames.Udp(2152, 2152, Frames.Concat(new byte[] { 0x34, 0xFF, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x85, 1, 0, 0, 0 }, tcp)));
        var ipip = Frames.IPv4("1.1.1.1", "2.2.2.2", 4, Frames.IPv4("3.3.3.3", "4.4.4.4", 41, udp6));
        var mpls = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(mpls, 5u << 12);
        BinaryPrimitives.WriteUInt32BigEndian(mpls.AsSpan(4), (6u << 12) | 0x100);
        var arp = new byte[28];
        arp[1] = 1;
        arp[2] = 8;
        arp[4] = 6;
        arp[5] = 4;
        arp[7] = 1;
        var radiotap = Frames.Concat(new byte[] { 0, 0, 16, 0, 0x03, 0, 0, 0 }, new byte[8], new byte[] { 0x88, 0x03 }, new byte[28],
            new byte[] { 0xAA, 0xAA, 0x03, 0, 0, 0, 0x08, 0x00 }, tcp);

        return
        [
            (Frames.Ethernet(0x0800, tcp), LinkType.Ethernet),
            (Frames.Ethernet(0x8100, Frames.VlanTag(10, 0x88A8, Frames.VlanTag(20, 0x86DD, udp6))), LinkType.Ethernet),
            (Frames.Ethernet(0x0800, icmp), LinkType.Ethernet),
            (Frames.Ethernet(0x0800, gre), LinkType.Ethernet),
            (Frames.Ethernet(0x0800, vxlan), LinkType.Ethernet),
            (Frames.Ethernet(0x0800, gtp), LinkType.Ethernet),
            (Frames.Ethernet(0x0800, ipip), LinkType.Ethernet),
            (Frames.Ethernet(0x8847, Frames.Concat(mpls, tcp)), LinkType.Ethernet),
            (Frames.Ethernet(0x8864, Frames.Concat(new byte[] { 0x11, 0, 0, 1, 0, 0, 0, 0x21 }, tcp)), LinkType.Ethernet),
            (Frames.Ethernet(0x0806, arp), LinkType.Ethernet),
            (Frames.Concat(new byte[16] { 0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, 0x08, 0x00 }, tcp), LinkType.LinuxSll),
            (Frames.Concat(new byte[20] { 0x86, 0xDD, 0, 0, 0, 0, 0, 1, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0 }, udp6), LinkType.LinuxSll2),
            (Frames.Concat(new byte[] { 2, 0, 0, 0 }, tcp), LinkType.Null),
            (Frames.Concat(new byte[] { 0xFF, 0x03, 0x00, 0x21 }, tcp), LinkType.Ppp),
            (tcp, LinkType.Raw),
            (udp6, LinkType.IPv6),
            (radiotap, LinkType.Ieee80211Radiotap),
            (Frames.Concat(new byte[] { 2, 0, 0, 0, (byte)(4 + tcp.Length), 0, 9, 0 }, tcp), LinkType.Nflog),
        ];
    }
}
