using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Collection.SFlow;

/// <summary>
/// What the flow records of one sample said, kept until all are read: the sampled header is decoded last, so that the
/// explicit records (sampled IPv4/IPv6, sampled Ethernet, extended switch) win over what the header shows, whatever
/// their order.
/// </summary>
internal ref struct SampleContents
{
    public bool HasHeader;
    public ReadOnlySpan<byte> Header;
    public LinkType HeaderLinkType;
    public uint FrameLength;
    public uint Stripped;

    /// <summary>A sampled IPv4 or IPv6 record gave addresses, ports and the IP length.</summary>
    public bool HasSampledIp;
    public uint IpLength;

    /// <summary>A sampled Ethernet record gave the MAC addresses and the frame length.</summary>
    public bool HasEthernet;
    public uint EthernetLength;

    /// <summary>An extended router record gave the IP next hop.</summary>
    public bool HasIpNextHop;

    /// <summary>
    /// Fills what the sampled header adds, and the byte count. Bytes are layer 3 and up, as NetFlow and IPFIX count
    /// them: the IP length of a sampled IP record, else the IP total length the sampled header declares (not the
    /// captured part). Only without IP do they fall back to the frame: the header's frame length less the bytes the
    /// agent stripped (FCS, tags), or a sampled Ethernet length less its 4-byte FCS.
    /// </summary>
    public readonly void Complete(ref TelemetryRecord record, long receivedNs)
    {
        var headerIpLength = -1;
        if (HasHeader)
        {
            PacketDecoder.Decode(Header, HeaderLinkType, receivedNs, (int)Math.Min(FrameLength, int.MaxValue), 0, out var packet);
            if (!HasEthernet)
            {
                record.SrcMac = packet.SrcMac;
                record.DstMac = packet.DstMac;
            }

            if (record.Vlan == 0)
                record.Vlan = packet.VlanId;
            if (packet.IpVersion != 0)
            {
                headerIpLength = packet.IpLength;
                if (!HasSampledIp)
                    PacketFields.FillIp(ref record, packet);
            }
        }

        record.Bytes = HasSampledIp ? IpLength
            : headerIpLength >= 0 ? (ulong)headerIpLength
            : HasHeader ? Less(FrameLength, Stripped)
            : HasEthernet ? Less(EthernetLength, 4)
            : 0;
    }

    private static ulong Less(uint length, uint less) => length > less ? length - less : 0;
}
