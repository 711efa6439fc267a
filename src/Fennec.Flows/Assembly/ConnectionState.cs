namespace Fennec.Flows.Assembly;

/// <summary>A TCP connection's outcome in the terms of Zeek's <c>conn_state</c>.</summary>
public enum ConnectionState : byte
{
    /// <summary>Not TCP, or nothing to say.</summary>
    None,

    /// <summary>Connection attempt seen, no reply.</summary>
    S0,

    /// <summary>Established, not terminated.</summary>
    S1,

    /// <summary>Normal establishment and termination (or, without TCP, traffic both ways).</summary>
    SF,

    /// <summary>Connection attempt rejected.</summary>
    REJ,

    /// <summary>Established; close attempt by the originator only.</summary>
    S2,

    /// <summary>Established; close attempt by the responder only.</summary>
    S3,

    /// <summary>Established; the originator aborted (RST).</summary>
    RSTO,

    /// <summary>Established; the responder aborted (RST).</summary>
    RSTR,

    /// <summary>The originator sent a SYN then a RST; no SYN-ACK.</summary>
    RSTOS0,

    /// <summary>The responder sent a SYN-ACK then a RST; no SYN from the originator.</summary>
    RSTRH,

    /// <summary>The originator sent a SYN then a FIN; no SYN-ACK ("half open").</summary>
    SH,

    /// <summary>The responder sent a SYN-ACK then a FIN; no SYN from the originator.</summary>
    SHR,

    /// <summary>No SYN seen: midstream traffic.</summary>
    OTH,
}
