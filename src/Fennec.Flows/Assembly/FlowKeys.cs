using Fennec.Packets.Decoding;

namespace Fennec.Flows.Assembly;

/// <summary>Makes the flow key of a decoded packet. Pure.</summary>
public static class FlowKeys
{
    /// <summary>
    /// The key of <paramref name="p"/>, and whether the packet's source is the key's endpoint A. IP packets are keyed
    /// by addresses and ports (ICMP by the request's type and code, so echo requests and replies share a flow);
    /// everything else by its MAC pair and ethertype.
    /// </summary>
    public static FlowKey From(in DecodedPacket p, out bool sourceIsA)
    {
        if (p.IpVersion == 0)
        {
            var srcMac = new IpAddress(0, p.SrcMac.Value);
            var dstMac = new IpAddress(0, p.DstMac.Value);
            sourceIsA = Compare(srcMac, 0, dstMac, 0) <= 0;
            return sourceIsA
                ? new FlowKey(srcMac, dstMac, 0, p.EtherType, 0, p.VlanId, p.InterfaceId, isMacFlow: true)
                : new FlowKey(dstMac, srcMac, 0, p.EtherType, 0, p.VlanId, p.InterfaceId, isMacFlow: true);
        }

        if (p.HasIcmp)
        {
            // Both ends have no port: order by address, and carry the request's type and code like NetFlow does.
            var typeCode = (ushort)((RequestType(p.IcmpType, p.Protocol == IpProtocol.Icmpv6) << 8) | p.IcmpCode);
            sourceIsA = Compare(p.SrcIp, 0, p.DstIp, 0) <= 0;
            return sourceIsA
                ? new FlowKey(p.SrcIp, p.DstIp, 0, typeCode, p.Protocol, p.VlanId, p.InterfaceId, isMacFlow: false)
                : new FlowKey(p.DstIp, p.SrcIp, 0, typeCode, p.Protocol, p.VlanId, p.InterfaceId, isMacFlow: false);
        }

        var srcPort = p.HasPorts ? p.SrcPort : (ushort)0;
        var dstPort = p.HasPorts ? p.DstPort : (ushort)0;
        sourceIsA = Compare(p.SrcIp, srcPort, p.DstIp, dstPort) <= 0;
        return sourceIsA
            ? new FlowKey(p.SrcIp, p.DstIp, srcPort, dstPort, p.Protocol, p.VlanId, p.InterfaceId, isMacFlow: false)
            : new FlowKey(p.DstIp, p.SrcIp, dstPort, srcPort, p.Protocol, p.VlanId, p.InterfaceId, isMacFlow: false);
    }

    /// <summary>Replies share their request's flow: echo, timestamp, information and address-mask replies.</summary>
    internal static byte RequestType(byte type, bool v6) => v6
        ? type == 129 ? (byte)128 : type
        : type switch { 0 => (byte)8, 14 => (byte)13, 16 => (byte)15, 18 => (byte)17, _ => type };

    private static int Compare(in IpAddress a, ushort portA, in IpAddress b, ushort portB)
    {
        var c = a.High.CompareTo(b.High);
        if (c != 0)
            return c;
        c = a.Low.CompareTo(b.Low);
        return c != 0 ? c : portA.CompareTo(portB);
    }
}
