namespace Fennec.Simulation.Traffic;

/// <summary>What the payload of a simulated packet holds.</summary>
internal enum PayloadKind : byte
{
    /// <summary>Deterministic filler bytes (encrypted-looking application data).</summary>
    Filler,

    /// <summary>A DNS query for the name numbered <see cref="PacketEvent.Aux"/>.</summary>
    DnsQuery,

    /// <summary>A DNS answer for that name, with <see cref="PacketEvent.Ack"/> as its A record.</summary>
    DnsAnswer,

    /// <summary>An NTP client request.</summary>
    NtpRequest,

    /// <summary>An NTP server reply.</summary>
    NtpReply,
}

/// <summary>TCP header flags as the simulator sets them.</summary>
internal static class Tcp
{
    public const byte Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10;

    /// <summary>Payload bytes per full segment (an MSS of 1460, no TCP options after the handshake).</summary>
    public const int Mss = 1460;
}

/// <summary>
/// One packet to write, kept as fields rather than bytes until the hour it belongs to is sorted: about 40 bytes a
/// packet instead of a frame. Addresses are IPv4 in host order.
/// </summary>
internal struct PacketEvent
{
    /// <summary>Capture time, nanoseconds since the Unix epoch.</summary>
    public long Time;

    public uint Src;
    public uint Dst;

    /// <summary>TCP sequence number; for DNS, the transaction id.</summary>
    public uint Seq;

    /// <summary>TCP acknowledgement number; for a DNS answer, the address it gives.</summary>
    public uint Ack;

    /// <summary>For DNS, the number of the name asked; otherwise unused.</summary>
    public uint Aux;

    public ushort SrcPort;
    public ushort DstPort;

    /// <summary>Payload bytes after the transport header.</summary>
    public ushort PayloadLength;

    /// <summary>6 (TCP) or 17 (UDP).</summary>
    public byte Protocol;

    public byte Flags;

    public PayloadKind Kind;

    /// <summary>0 for normal traffic, else 1 + the index of the attack label the packet belongs to.</summary>
    public byte Label;
}
