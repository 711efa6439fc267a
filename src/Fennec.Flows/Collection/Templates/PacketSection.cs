using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Collection.Templates;

/// <summary>
/// Completes a record from the packet section it carries (dataLinkFrameSection or ipHeaderPacketSection, RFC 5477):
/// exporters that report sampled packets (PSAMP, Juniper and Cisco "datalink" records) send the packet's first bytes
/// instead of, or beside, the flow fields. The record's own fields win; the section fills only what they left unset.
/// </summary>
internal static class PacketSection
{
    public static void Fill(ref TelemetryRecord record, ReadOnlySpan<byte> section, bool isIp, long timestampNs)
    {
        PacketDecoder.Decode(section, isIp ? LinkType.Raw : LinkType.Ethernet, timestampNs, section.Length, 0, out var packet);
        if (record.SrcMac.IsZero && record.DstMac.IsZero)
        {
            record.SrcMac = packet.SrcMac;
            record.DstMac = packet.DstMac;
        }

        if (record.Vlan == 0)
            record.Vlan = packet.VlanId;
        if (packet.IpVersion == 0)
            return;
        if (record.IpVersion == 0 && record.SrcIp == IpAddress.None && record.DstIp == IpAddress.None)
            PacketFields.FillIp(ref record, packet);
        // A record that reports one sampled packet carries no counters: it stands for that packet, whose IP length
        // is its byte count (layer 3 and up, as flow records count).
        if (record.Packets == 0 && record.Bytes == 0)
        {
            record.Packets = 1;
            record.Bytes = (ulong)Math.Max(packet.IpLength, 0);
        }
    }
}
