using Fennec.Packets.Decoding;

namespace Fennec.Flows.Collection;

/// <summary>
/// Copies what a sampled packet shows into a record: the part shared by sFlow's sampled headers and the packet sections
/// of IPFIX and NetFlow v9 records.
/// </summary>
internal static class PacketFields
{
    /// <summary>The IP packet's addresses, protocol, type of service, ports, ICMP type and code, and TCP flags.</summary>
    public static void FillIp(ref TelemetryRecord record, in DecodedPacket packet)
    {
        record.IpVersion = packet.IpVersion;
        record.SrcIp = packet.SrcIp;
        record.DstIp = packet.DstIp;
        record.IpProtocol = packet.Protocol;
        record.Tos = packet.Tos;
        if (packet.HasPorts)
        {
            record.SrcPort = packet.SrcPort;
            record.DstPort = packet.DstPort;
        }

        if (packet.HasIcmp)
            record.IcmpTypeCode = (ushort)(packet.IcmpType << 8 | packet.IcmpCode);
        if (packet.Protocol == IpProtocol.Tcp)
            record.TcpFlags = (byte)packet.TcpFlags;
    }
}
