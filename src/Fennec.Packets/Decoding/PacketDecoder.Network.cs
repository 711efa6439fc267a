using System.Buffers.Binary;

namespace Fennec.Packets.Decoding;

public static partial class PacketDecoder
{
    /// <summary>Follows VLAN tags, MPLS labels and PPPoE to the network layer.</summary>
    private static void DecodeEtherType(ReadOnlySpan<byte> f, int off, ushort type, ref DecodedPacket p, int depth)
    {
        while (true)
        {
            switch (type)
            {
                case EtherTypes.Vlan or EtherTypes.QinQ or EtherTypes.QinQLegacy:
                    if (f.Length - off < 4)
                    {
                        SetEtherType(ref p, type, depth);
                        Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Vlan, off);
                        return;
                    }

                    if (depth == 0)
                    {
                        var vid = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(f[off..]) & 0x0FFF);
                        if (p.VlanCount == 0)
                            p.VlanId = vid;
                        else if (p.VlanCount == 1)
                            p.InnerVlanId = vid;
                        if (p.VlanCount < byte.MaxValue)
                            p.VlanCount++;
                    }

                    type = BinaryPrimitives.ReadUInt16BigEndian(f[(off + 2)..]);
                    off += 4;
                    continue;
                case EtherTypes.Mpls or EtherTypes.MplsMulticast:
                    SetEtherType(ref p, type, depth);
                    DecodeMpls(f, off, ref p, depth);
                    return;
                case EtherTypes.PppoeSession:
                    SetEtherType(ref p, type, depth);
                    DecodePppoeSession(f, off, ref p, depth);
                    return;
                case EtherTypes.Arp:
                    SetEtherType(ref p, type, depth);
                    DecodeArp(f, off, ref p);
                    return;
                case EtherTypes.IPv4:
                    SetEtherType(ref p, type, depth);
                    DecodeIPv4(f, off, ref p, depth);
                    return;
                case EtherTypes.IPv6:
                    SetEtherType(ref p, type, depth);
                    DecodeIPv6(f, off, ref p, depth);
                    return;
                case EtherTypes.TransparentEthernet:
                    DecodeEthernet(f, off, ref p, depth);
                    return;
                case EtherTypes.FabricPath:
                    // Cisco FabricPath: the outer addresses are switch ids; after the 2-byte tag comes the host's frame,
                    // whose MACs are the packet's.
                    if (f.Length - off < 2)
                    {
                        Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Link, off);
                        return;
                    }

                    DecodeEthernet(f, off + 2, ref p, depth);
                    return;
                default:
                    SetEtherType(ref p, type, depth);
                    Rest(f, ref p, off);
                    return;
            }
        }
    }

    private static void DecodeMpls(ReadOnlySpan<byte> f, int off, ref DecodedPacket p, int depth)
    {
        while (true)
        {
            if (f.Length - off < 4)
            {
                Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Mpls, off);
                return;
            }

            var entry = BinaryPrimitives.ReadUInt32BigEndian(f[off..]);
            if (p.MplsDepth == 0)
                p.MplsLabel = entry >> 12;
            if (p.MplsDepth < byte.MaxValue)
                p.MplsDepth++;
            off += 4;
            if ((entry & 0x100) != 0)
                break;
        }

        // MPLS does not say what it carries: the first nibble tells IP from a pseudowire.
        if (f.Length - off < 1)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Mpls, off);
            return;
        }

        switch (f[off] >> 4)
        {
            case 4:
                DecodeIPv4(f, off, ref p, depth);
                break;
            case 6:
                DecodeIPv6(f, off, ref p, depth);
                break;
            case 0:
                // An Ethernet pseudowire control word (RFC 4385), then the customer frame.
                DecodeEthernet(f, off + 4, ref p, depth + 1);
                break;
            default:
                Rest(f, ref p, off);
                break;
        }
    }

    private static void DecodeArp(ReadOnlySpan<byte> f, int off, ref DecodedPacket p)
    {
        if (f.Length - off < 8)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Arp, off);
            return;
        }

        var protocolType = BinaryPrimitives.ReadUInt16BigEndian(f[(off + 2)..]);
        var hardwareLength = f[off + 4];
        var protocolLength = f[off + 5];
        p.ArpOperation = BinaryPrimitives.ReadUInt16BigEndian(f[(off + 6)..]);
        var body = off + 8;
        var length = 8 + (2 * (hardwareLength + protocolLength));
        if (f.Length - off < length)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.Arp, off);
            return;
        }

        // Inside a tunnel the carrying IP header keeps the packet's addresses.
        if (protocolType == EtherTypes.IPv4 && protocolLength == 4 && p.IpVersion == 0)
        {
            p.SrcIp = IpAddress.FromIPv4(f[(body + hardwareLength)..]);
            p.DstIp = IpAddress.FromIPv4(f[(body + (2 * hardwareLength) + 4)..]);
        }

        Rest(f, ref p, off + length);
    }

    /// <summary>Decodes an IP header of the given version; false (and nothing decoded) for any other version.</summary>
    private static bool DecodeIp(ReadOnlySpan<byte> f, int off, ref DecodedPacket p, int depth, int version)
    {
        switch (version)
        {
            case 4:
                SetEtherType(ref p, EtherTypes.IPv4, depth);
                DecodeIPv4(f, off, ref p, depth);
                return true;
            case 6:
                SetEtherType(ref p, EtherTypes.IPv6, depth);
                DecodeIPv6(f, off, ref p, depth);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Raw IP: the version nibble says which.</summary>
    private static void DecodeRawIp(ReadOnlySpan<byte> f, int off, ref DecodedPacket p, int depth, DecodeLayer layer)
    {
        if (f.Length - off < 1)
        {
            Stop(ref p, DecodeStatus.Truncated, layer, off);
            return;
        }

        if (!DecodeIp(f, off, ref p, depth, f[off] >> 4))
            Stop(ref p, DecodeStatus.Malformed, layer, off);
    }

    private static void DecodeIPv4(ReadOnlySpan<byte> f, int off, ref DecodedPacket p, int depth)
    {
        if (f.Length - off < 20)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.IPv4, off);
            return;
        }

        var versionAndLength = f[off];
        var headerLength = (versionAndLength & 0xF) * 4;
        if (versionAndLength >> 4 != 4 || headerLength < 20)
        {
            Stop(ref p, DecodeStatus.Malformed, DecodeLayer.IPv4, off);
            return;
        }

        if (f.Length - off < headerLength)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.IPv4, off);
            return;
        }

        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(f[(off + 2)..]);
        if (totalLength == 0)
            totalLength = f.Length - off; // segmentation offload writes 0 for oversized packets
        if (totalLength < headerLength)
        {
            Stop(ref p, DecodeStatus.Malformed, DecodeLayer.IPv4, off);
            return;
        }

        var fragment = BinaryPrimitives.ReadUInt16BigEndian(f[(off + 6)..]);
        EnterIp(ref p, depth);
        p.IpVersion = 4;
        p.IpLength = totalLength;
        p.Tos = f[off + 1];
        p.Ttl = f[off + 8];
        p.Protocol = f[off + 9];
        p.SrcIp = IpAddress.FromIPv4(f[(off + 12)..]);
        p.DstIp = IpAddress.FromIPv4(f[(off + 16)..]);
        p.FragmentOffset = (fragment & 0x1FFF) * 8;
        p.MoreFragments = (fragment & 0x2000) != 0;
        p.IsFragment = p.MoreFragments || p.FragmentOffset != 0;
        p.FragmentId = p.IsFragment ? BinaryPrimitives.ReadUInt16BigEndian(f[(off + 4)..]) : 0u;

        var payloadLength = totalLength - headerLength;
        off += headerLength;
        if (p.FragmentOffset != 0)
        {
            p.PayloadOffset = off;
            p.PayloadLength = payloadLength;
            return;
        }

        // Ethernet padding lies past the IP length: the transport sees only the IP packet's bytes.
        var end = Math.Min(f.Length, off + payloadLength);
        DecodeTransport(f[..end], off, p.Protocol, payloadLength, ref p, depth);
    }

    private static void DecodeIPv6(ReadOnlySpan<byte> f, int off, ref DecodedPacket p, int depth)
    {
        if (f.Length - off < 40)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.IPv6, off);
            return;
        }

        var first = BinaryPrimitives.ReadUInt32BigEndian(f[off..]);
        if (first >> 28 != 6)
        {
            Stop(ref p, DecodeStatus.Malformed, DecodeLayer.IPv6, off);
            return;
        }

        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(f[(off + 4)..]);
        if (payloadLength == 0)
            payloadLength = f.Length - off - 40; // jumbogram or offload: take what was captured
        EnterIp(ref p, depth);
        p.IpVersion = 6;
        p.IpLength = payloadLength + 40;
        p.Tos = (byte)(first >> 20);
        var next = f[off + 6];
        p.Ttl = f[off + 7];
        p.SrcIp = IpAddress.FromIPv6(f[(off + 8)..]);
        p.DstIp = IpAddress.FromIPv6(f[(off + 24)..]);
        off += 40;
        var end = Math.Min(f.Length, off + payloadLength);

        while (IsExtensionHeader(next))
        {
            var needed = next == IpProtocol.Fragment ? 8 : 2;
            if (end - off < needed)
            {
                p.Protocol = next;
                Stop(ref p, DecodeStatus.Truncated, DecodeLayer.IPv6Extension, off);
                return;
            }

            int length = next switch
            {
                IpProtocol.Fragment => 8,
                IpProtocol.Ah => (f[off + 1] + 2) * 4,
                _ => (f[off + 1] + 1) * 8,
            };
            if (next == IpProtocol.Fragment)
            {
                var field = BinaryPrimitives.ReadUInt16BigEndian(f[(off + 2)..]);
                p.FragmentOffset = field & 0xFFF8;
                p.MoreFragments = (field & 1) != 0;
                p.IsFragment = true;
                p.FragmentId = BinaryPrimitives.ReadUInt32BigEndian(f[(off + 4)..]);
            }

            next = f[off];
            off += length;
            payloadLength -= length;
            if (payloadLength < 0)
            {
                p.Protocol = next;
                Stop(ref p, DecodeStatus.Malformed, DecodeLayer.IPv6Extension, Math.Min(off, f.Length));
                return;
            }

            if (p.FragmentOffset != 0)
                break;
        }

        p.Protocol = next;
        if (p.FragmentOffset != 0 || next == IpProtocol.NoNextHeader)
        {
            p.PayloadOffset = Math.Min(off, f.Length);
            p.PayloadLength = payloadLength;
            return;
        }

        if (off > end)
        {
            Stop(ref p, DecodeStatus.Truncated, DecodeLayer.IPv6Extension, end);
            return;
        }

        DecodeTransport(f[..end], off, next, payloadLength, ref p, depth);
    }

    /// <summary>The ethertype is that of the capturing link; tunnelled frames do not replace it.</summary>
    private static void SetEtherType(ref DecodedPacket p, ushort type, int depth)
    {
        if (depth == 0)
            p.EtherType = type;
    }

    private static bool IsExtensionHeader(byte next) =>
        next is IpProtocol.HopByHop or IpProtocol.Routing or IpProtocol.Fragment or IpProtocol.DestinationOptions
            or IpProtocol.Ah or IpProtocol.Mobility or IpProtocol.Hip or IpProtocol.Shim6;

    /// <summary>A new (possibly inner) IP header replaces whatever transport an outer header had.</summary>
    private static void EnterIp(ref DecodedPacket p, int depth)
    {
        p.TunnelDepth = (byte)depth;
        if (depth == 0)
            return;
        p.SrcPort = 0;
        p.DstPort = 0;
        p.HasPorts = false;
        p.HasIcmp = false;
        p.TcpFlags = TcpFlags.None;
        p.TcpSeq = 0;
        p.TcpAck = 0;
        p.TcpWindow = 0;
        p.IcmpType = 0;
        p.IcmpCode = 0;
        p.IsFragment = false;
        p.MoreFragments = false;
        p.FragmentOffset = 0;
        p.FragmentId = 0;
    }
}
