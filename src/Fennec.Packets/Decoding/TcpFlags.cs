namespace Fennec.Packets.Decoding;

/// <summary>TCP control bits as in the header (NS is bit 8).</summary>
[Flags]
public enum TcpFlags : ushort
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>FIN: no more data from sender.</summary>
    Fin = 0x01,

    /// <summary>SYN: synchronise sequence numbers.</summary>
    Syn = 0x02,

    /// <summary>RST: reset the connection.</summary>
    Rst = 0x04,

    /// <summary>PSH: push function.</summary>
    Psh = 0x08,

    /// <summary>ACK: acknowledgment field significant.</summary>
    Ack = 0x10,

    /// <summary>URG: urgent pointer field significant.</summary>
    Urg = 0x20,

    /// <summary>ECE: ECN echo.</summary>
    Ece = 0x40,

    /// <summary>CWR: congestion window reduced.</summary>
    Cwr = 0x80,

    /// <summary>NS: ECN nonce sum (historic).</summary>
    Ns = 0x100,
}
