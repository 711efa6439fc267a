namespace Fennec.Simulation.Traffic;

/// <summary>Single UDP packets: DNS, NTP and floods of large datagrams.</summary>
internal static class UdpPackets
{
    /// <summary>Adds one UDP packet.</summary>
    public static void Add(EventBuffer events, long time, uint src, ushort srcPort, uint dst, ushort dstPort, PayloadKind kind, int length,
        uint seq = 0, uint ack = 0, uint aux = 0, byte label = 0)
    {
        ref var e = ref events.Add();
        e.Time = time;
        e.Protocol = 17;
        e.Src = src;
        e.Dst = dst;
        e.SrcPort = srcPort;
        e.DstPort = dstPort;
        e.Kind = kind;
        e.PayloadLength = (ushort)length;
        e.Seq = seq;
        e.Ack = ack;
        e.Aux = aux;
        e.Label = label;
    }

    /// <summary>A DNS query and its answer between two hosts; returns the answer's time.</summary>
    public static long Dns(EventBuffer events, ref SimulationRandom random, long time, uint client, uint server, long serverDelay, uint name,
        uint address, byte label = 0)
    {
        var port = (ushort)random.Next(1024, 65536);
        var id = random.NextUInt32() & 0xFFFF;
        Add(events, time, client, port, server, 53, PayloadKind.DnsQuery, DnsMessage.QueryLength(name), id, 0, name, label);
        var answered = time + serverDelay;
        Add(events, answered, server, 53, client, port, PayloadKind.DnsAnswer, DnsMessage.AnswerLength(name), id, address, name, label);
        return answered;
    }
}
