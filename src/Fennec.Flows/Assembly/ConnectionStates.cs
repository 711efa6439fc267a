using Fennec.Packets.Decoding;

namespace Fennec.Flows.Assembly;

/// <summary>
/// Derives Zeek's <c>conn_state</c> from what each side of a flow sent, following Zeek's rules on the two endpoints'
/// TCP states: an endpoint that never sent a SYN counts as inactive (Zeek's INACTIVE or PARTIAL), one that sent a RST
/// as reset, one that sent a FIN (and no RST) as closed.
/// </summary>
public static class ConnectionStates
{
    /// <summary>The state of <paramref name="r"/> as it stands.</summary>
    public static ConnectionState Of(in FlowRecord r)
    {
        if (r.Protocol != IpProtocol.Tcp)
            return r.Reverse.Packets > 0 ? ConnectionState.SF : ConnectionState.S0;

        const TcpFlags SynAck = TcpFlags.Syn | TcpFlags.Ack;
        var o = r.Forward;
        var p = r.Reverse;
        var originatorInactive = o.SynCount == 0;
        var responderInactive = p.SynCount == 0;
        var responderSynAck = p.SynCount > 0 && (p.TcpFlags & SynAck) == SynAck;
        var established = o.SynCount > 0 && responderSynAck;
        var originatorReset = o.RstCount > 0;
        var responderReset = p.RstCount > 0;
        var originatorClosed = o.FinCount > 0 && !originatorReset;
        var responderClosed = p.FinCount > 0 && !responderReset;

        if (responderReset)
        {
            var attemptOnly = o.SynCount > 0 && !established && !originatorClosed;
            if (attemptOnly || (originatorReset && o.PayloadBytes == 0 && p.PayloadBytes == 0))
                return ConnectionState.REJ;
            return originatorInactive ? ConnectionState.RSTRH : ConnectionState.RSTR;
        }

        if (originatorReset)
        {
            if (!responderInactive)
                return ConnectionState.RSTO;
            return o.SynCount > 0 && p.Packets == 0 ? ConnectionState.RSTOS0 : ConnectionState.OTH;
        }

        if (originatorClosed && responderClosed)
            return ConnectionState.SF;
        if (originatorClosed)
            return responderInactive ? ConnectionState.SH : ConnectionState.S2;
        if (responderClosed)
            return originatorInactive ? ConnectionState.SHR : ConnectionState.S3;
        if (o.SynCount > 0 && p.Packets == 0)
            return ConnectionState.S0;
        return established ? ConnectionState.S1 : ConnectionState.OTH;
    }
}
