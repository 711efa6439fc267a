using System.Buffers.Binary;
using Fennec.Packets.Capture;

namespace Fennec.Packets.Decoding;

public static partial class PacketDecoder
{
    private static void DecodeLink(ReadOnlySpan<byte> f, LinkType linkType, ref DecodedPacket p)
    {
        switch (linkType)
        {
            case LinkType.Ethernet:
                DecodeEthernet(f, 0, ref p, depth: 0);
                break;
            case LinkType.LinuxSll:
                DecodeLinuxSll(f, ref p);
                break;
            case LinkType.LinuxSll2:
                DecodeLinuxSll2(f, ref p);
                break;
            case LinkType.Raw or LinkType.RawBsd12 or LinkType.RawBsd14 or LinkType.IPv4 or LinkType.IPv6:
                DecodeRawIp(f, 0, ref p, depth: 0, DecodeLayer.Link);
                break;
            case LinkType.Null or LinkType.Loop:
                DecodeLoopback(f, linkType, ref p);
                break;
            case LinkType.Ppp or LinkType.PppHdlc:
                DecodePpp(f, 0, ref p, depth: 0);
                break;
            case LinkType.PppEther:
                DecodePppoeSession(f, 0, ref p, depth: 0);
                break;
            case LinkType.CiscoHdlc:
                if (f.Length < 4)
                {
                    Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Link, 0);
                    return;
                }

                DecodeEtherType(f, 4, BinaryPrimitives.ReadUInt16BigEndian(f[2..]), ref p, depth: 0);
                break;
            case LinkType.Ieee80211Radiotap:
                DecodeRadiotap(f, ref p);
                break;
            case LinkType.Ieee80211:
                Decode80211(f, 0, ref p);
                break;
            case LinkType.Nflog:
                DecodeNflog(f, ref p);
                break;
            case LinkType.Ipnet:
                DecodeIpnet(f, ref p);
                break;
            default:
                Stop(ref p, DecodeStatus.UnsupportedLinkType, DecodeLayer.Link, 0);
                break;
        }
    }

    private static void DecodeEthernet(ReadOnlySpan<byte> f, int off, ref DecodedPacket p, int depth)
    {
        if (f.Length - off < 14)
        {
            Stop(ref p, DecodeStatus.Truncated, depth == 0 ? DecodeLayer.Link : DecodeLayer.Tunnel, off);
            return;
        }

        // Tunnelled Ethernet keeps the MACs of the link the packet was captured on.
        if (depth == 0)
        {
            p.DstMac = MacAddress.Read(f[off..]);
            p.SrcMac = MacAddress.Read(f[(off + 6)..]);
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(f[(off + 12)..]);
        off += 14;
        if (type <= 1500)
        {
            // 802.3 length field: only LLC/SNAP carries an ethertype.
            if (f.Length - off >= 8 && f[off] == 0xAA && f[off + 1] == 0xAA && f[off + 2] == 0x03)
            {
                DecodeEtherType(f, off + 8, BinaryPrimitives.ReadUInt16BigEndian(f[(off + 6)..]), ref p, depth);
                return;
            }

            Rest(f, ref p, off);
            return;
        }

        DecodeEtherType(f, off, type, ref p, depth);
    }

    private static void DecodeLinuxSll(ReadOnlySpan<byte> f, ref DecodedPacket p)
    {
        if (f.Length < 16)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Link, 0);
            return;
        }

        var addressLength = BinaryPrimitives.ReadUInt16BigEndian(f[4..]);
        if (addressLength == 6)
            p.SrcMac = MacAddress.Read(f[6..]);
        DecodeCookedProtocol(f, 16, BinaryPrimitives.ReadUInt16BigEndian(f[2..]), BinaryPrimitives.ReadUInt16BigEndian(f[14..]), ref p);
    }

    private static void DecodeLinuxSll2(ReadOnlySpan<byte> f, ref DecodedPacket p)
    {
        if (f.Length < 20)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Link, 0);
            return;
        }

        if (f[11] == 6)
            p.SrcMac = MacAddress.Read(f[12..]);
        DecodeCookedProtocol(f, 20, BinaryPrimitives.ReadUInt16BigEndian(f[8..]), BinaryPrimitives.ReadUInt16BigEndian(f), ref p);
    }

    private static void DecodeCookedProtocol(ReadOnlySpan<byte> f, int off, ushort arphrd, ushort protocol, ref DecodedPacket p)
    {
        const ushort ArphrdNetlink = 824, ArphrdIpGre = 778, ArphrdFrad = 770;
        if (arphrd == ArphrdNetlink)
        {
            Rest(f, ref p, off);
            return;
        }

        // GRE devices put the GRE protocol type here; frame-relay and others carry non-Ethernet payloads.
        if (arphrd == ArphrdFrad || (protocol < 0x0600 && arphrd != ArphrdIpGre))
        {
            Rest(f, ref p, off);
            return;
        }

        DecodeEtherType(f, off, protocol, ref p, depth: 0);
    }

    private static void DecodeLoopback(ReadOnlySpan<byte> f, LinkType linkType, ref DecodedPacket p)
    {
        if (f.Length < 4)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Link, 0);
            return;
        }

        // DLT_NULL stores the family in the capturing host's byte order: a value over 0xFFFF was written swapped.
        var family = linkType == LinkType.Loop
            ? BinaryPrimitives.ReadUInt32BigEndian(f)
            : BinaryPrimitives.ReadUInt32LittleEndian(f);
        if (family > 0xFFFF)
            family = BinaryPrimitives.ReverseEndianness(family);
        var version = family switch
        {
            2 => 4,
            10 or 24 or 28 or 30 => 6, // AF_INET6 differs between Linux and the BSDs
            _ => 0,
        };
        if (!DecodeIp(f, 4, ref p, depth: 0, version))
            Rest(f, ref p, 4);
    }

    /// <summary>PPP with or without the HDLC address/control bytes, and with a one- or two-byte protocol.</summary>
    private static void DecodePpp(ReadOnlySpan<byte> f, int off, ref DecodedPacket p, int depth)
    {
        // Some routers write Cisco HDLC frames (address 0x0F or 0x8F) under the PPP link type.
        if (f.Length - off >= 4 && f[off] is 0x0F or 0x8F && f[off + 1] == 0x00)
        {
            DecodeEtherType(f, off + 4, BinaryPrimitives.ReadUInt16BigEndian(f[(off + 2)..]), ref p, depth);
            return;
        }

        if (f.Length - off >= 2 && f[off] == 0xFF && f[off + 1] == 0x03)
            off += 2;
        if (f.Length - off < 1)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Link, off);
            return;
        }

        int protocol;
        if ((f[off] & 1) == 1)
        {
            protocol = f[off];
            off += 1;
        }
        else
        {
            if (f.Length - off < 2)
            {
                Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Link, off);
                return;
            }

            protocol = BinaryPrimitives.ReadUInt16BigEndian(f[off..]);
            off += 2;
        }

        DecodePppProtocol(f, off, protocol, ref p, depth);
    }

    private static void DecodePppProtocol(ReadOnlySpan<byte> f, int off, int protocol, ref DecodedPacket p, int depth)
    {
        switch (protocol)
        {
            case 0x0021:
                DecodeIp(f, off, ref p, depth, 4);
                break;
            case 0x0057:
                DecodeIp(f, off, ref p, depth, 6);
                break;
            case 0x0281:
                DecodeEtherType(f, off, EtherTypes.Mpls, ref p, depth);
                break;
            default:
                Rest(f, ref p, off);
                break;
        }
    }

    private static void DecodePppoeSession(ReadOnlySpan<byte> f, int off, ref DecodedPacket p, int depth)
    {
        if (f.Length - off < 8)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Pppoe, off);
            return;
        }

        var protocol = BinaryPrimitives.ReadUInt16BigEndian(f[(off + 6)..]);
        DecodePppProtocol(f, off + 8, protocol, ref p, depth);
    }

    /// <summary>Solaris ipnet: a 24-byte header whose second byte is the address family (2 IPv4, 26 IPv6).</summary>
    private static void DecodeIpnet(ReadOnlySpan<byte> f, ref DecodedPacket p)
    {
        if (f.Length < 24)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Link, 0);
            return;
        }

        if (!DecodeIp(f, 24, ref p, depth: 0, f[1] switch { 2 => 4, 26 => 6, _ => 0 }))
            Rest(f, ref p, 24);
    }

    private static void DecodeNflog(ReadOnlySpan<byte> f, ref DecodedPacket p)
    {
        // nfgenmsg (family, version, resource id) then TLVs whose length and type are in host (little-endian) order.
        const ushort NfulaPayload = 9;
        if (f.Length < 4)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Link, 0);
            return;
        }

        var family = f[0];
        var off = 4;
        while (f.Length - off >= 4)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(f[off..]);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(f[(off + 2)..]) & 0x7FFF;
            if (length < 4)
            {
                Stop(ref p, DecodeStatus.Malformed, DecodeLayer.Link, off);
                return;
            }

            if (type == NfulaPayload)
            {
                var payload = f[..Math.Min(f.Length, off + length)];
                if (!DecodeIp(payload, off + 4, ref p, depth: 0, family switch { 2 => 4, 10 => 6, _ => 0 }))
                    Rest(f, ref p, off + 4);
                return;
            }

            off += (length + 3) & ~3;
        }

        Rest(f, ref p, Math.Min(off, f.Length));
    }
}
