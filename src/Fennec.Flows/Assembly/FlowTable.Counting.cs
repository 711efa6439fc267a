using Fennec.Packets.Decoding;

namespace Fennec.Flows.Assembly;

public sealed partial class FlowTable
{
    private static void InitialiseRecord(ref FlowEntry entry, in DecodedPacket p, bool flipped)
    {
        ref var r = ref entry.Record;
        var sourceIsInitiator = !flipped;
        r.SrcIp = sourceIsInitiator ? p.SrcIp : p.DstIp;
        r.DstIp = sourceIsInitiator ? p.DstIp : p.SrcIp;
        r.SrcMac = sourceIsInitiator ? p.SrcMac : p.DstMac;
        r.DstMac = sourceIsInitiator ? p.DstMac : p.SrcMac;
        if (entry.Key.Protocol is IpProtocol.Icmp or IpProtocol.Icmpv6 && p.HasIcmp)
        {
            r.SrcPort = 0;
            r.DstPort = entry.Key.PortB;
        }
        else
        {
            r.SrcPort = sourceIsInitiator ? p.SrcPort : p.DstPort;
            r.DstPort = sourceIsInitiator ? p.DstPort : p.SrcPort;
            if (!p.HasPorts)
                r.SrcPort = r.DstPort = 0;
        }

        r.Protocol = entry.Key.Protocol;
        r.IpVersion = p.IpVersion;
        r.Vlan = p.VlanId;
        r.Interface = p.InterfaceId;
        r.EtherType = p.EtherType;
        r.IsMacFlow = entry.Key.IsMacFlow;
        r.FirstNs = long.MaxValue;
        r.LastNs = long.MinValue;
        if (flipped)
            r.History.Add('^', originator: true);
    }

    private void Account(ref FlowEntry entry, in DecodedPacket p, bool forward, long now)
    {
        ref var r = ref entry.Record;
        ref var d = ref forward ? ref r.Forward : ref r.Reverse;
        ref var lastWire = ref forward ? ref entry.LastWireForward : ref entry.LastWireReverse;
        ref var lastSeq = ref forward ? ref entry.LastSeqForward : ref entry.LastSeqReverse;

        if (d.Packets > 0 && now == d.LastNs && p.WireLength == lastWire && p.TcpSeq == lastSeq)
            Statistics.Duplicates++;
        lastWire = p.WireLength;
        lastSeq = p.TcpSeq;

        if (d.Packets == 0)
        {
            d.FirstNs = now;
            d.LastNs = now;
        }
        else if (now >= d.LastNs)
        {
            d.InterArrival.Add(now - d.LastNs);
            d.LastNs = now;
        }
        else if (now < d.FirstNs)
        {
            d.FirstNs = now; // time went back before the direction's first packet
        }

        d.Packets++;
        d.Bytes += p.WireLength;
        d.IpBytes += p.IpLength;
        d.PayloadBytes += Math.Max(0, p.PayloadLength);
        d.Sizes.Add(p.WireLength);
        if (now < r.FirstNs)
            r.FirstNs = now;
        if (now > r.LastNs)
            r.LastNs = now;

        if (p.Protocol == IpProtocol.Tcp && p.HasPorts)
            AccountTcp(ref entry, ref d, p, forward);
    }

    private void AccountTcp(ref FlowEntry entry, ref FlowDirection d, in DecodedPacket p, bool forward)
    {
        var flags = p.TcpFlags;
        d.TcpFlags |= flags;
        ref var history = ref entry.Record.History;
        var syn = (flags & TcpFlags.Syn) != 0;
        var ack = (flags & TcpFlags.Ack) != 0;
        if (syn)
        {
            d.SynCount++;
            history.Add(ack ? 'H' : 'S', forward);
        }

        if ((flags & TcpFlags.Fin) != 0)
        {
            d.FinCount++;
            history.Add('F', forward);
        }

        if ((flags & TcpFlags.Rst) != 0)
        {
            d.RstCount++;
            history.Add('R', forward);
        }

        if (p.PayloadLength > 0)
            history.Add('D', forward);
        else if (ack && !syn && (flags & (TcpFlags.Fin | TcpFlags.Rst)) == 0)
            history.Add('A', forward);
        if (p.TcpWindow == 0 && !syn && (flags & TcpFlags.Rst) == 0)
            history.Add('W', forward);

        // Closed: a RST, FIN from both sides, or a FIN facing a side that never sent a SYN (a connection seen midstream,
        // which Zeek flushes after its partial-close delay).
        ref var r = ref entry.Record;
        if (!entry.Closing && (r.Forward.RstCount + r.Reverse.RstCount > 0 || (r.Forward.FinCount > 0 && r.Reverse.FinCount > 0) ||
                               (r.Forward.FinCount > 0 && r.Reverse.SynCount == 0) || (r.Reverse.FinCount > 0 && r.Forward.SynCount == 0)))
            entry.Closing = true;
    }
}
