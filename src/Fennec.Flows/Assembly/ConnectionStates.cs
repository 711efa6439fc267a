using Fennec.Packets.Decoding;

namespace Fennec.Flows.Assembly;

/// <summary>Derives Zeek's <c>conn_state</c> from what each side of a flow sent.</summary>
public static class ConnectionStates
{
    /// <summary>The state of <paramref name="r"/> as it stands.</summary>
    public static ConnectionState Of(in FlowRecord r)
    {
        if (r.Protocol != IpProtocol.Tcp)
            return r.Reverse.Packets > 0 ? ConnectionState.SF : ConnectionState.S0;

        const TcpFlags SynAck = TcpFlags.Syn | TcpFlags.Ack;
        var originatorSyn = r.Forward.SynCount > 0;
        var responderSynAck = r.Reverse.SynCount > 0 && (r.Reverse.TcpFlags & SynAck) == SynAck;
        var originatorFin = r.Forward.FinCount > 0;
        var responderFin = r.Reverse.FinCount > 0;
        var originatorRst = r.Forward.RstCount > 0;
        var responderRst = r.Reverse.RstCount > 0;

        if (originatorSyn && responderSynAck)
        {
            if (originatorRst)
                return ConnectionState.RSTO;
            if (responderRst)
                return ConnectionState.RSTR;
            if (originatorFin && responderFin)
                return ConnectionState.SF;
            if (originatorFin)
                return ConnectionState.S2;
            return responderFin ? ConnectionState.S3 : ConnectionState.S1;
        }

        if (originatorSyn)
        {
            if (responderRst)
                return ConnectionState.REJ;
            if (originatorRst)
                return ConnectionState.RSTOS0;
            if (originatorFin)
                return ConnectionState.SH;
            return r.Reverse.Packets == 0 ? ConnectionState.S0 : ConnectionState.OTH;
        }

        if (responderSynAck)
        {
            if (responderRst)
                return ConnectionState.RSTRH;
            if (responderFin)
                return ConnectionState.SHR;
        }

        return ConnectionState.OTH;
    }
}
