using Fennec.Features.Traffic;
using Fennec.Flows.Assembly;
using Fennec.Storage;

namespace Fennec.Pipeline.Analysis;

/// <summary>Writes every enriched flow of an analysis to the store's flow table.</summary>
public sealed class StoreFlowSink(FlowWriter writer) : IEnrichedFlowSink
{
    /// <inheritdoc />
    public void OnFlow(in FlowRecord flow, in FlowEnds ends)
    {
        if (flow.IsMacFlow)
            return;
        var row = new StoredFlow
        {
            FirstNs = flow.FirstNs,
            LastNs = flow.LastNs,
            SrcIp = flow.SrcIp,
            DstIp = flow.DstIp,
            SrcPort = flow.SrcPort,
            DstPort = flow.DstPort,
            Protocol = flow.Protocol,
            Vlan = flow.Vlan,
            PacketsFwd = flow.Forward.Packets,
            BytesFwd = flow.Forward.Bytes,
            PacketsRev = flow.Reverse.Packets,
            BytesRev = flow.Reverse.Bytes,
            TcpFlagsFwd = (byte)flow.Forward.TcpFlags,
            TcpFlagsRev = (byte)flow.Reverse.TcpFlags,
            State = FlowNames.State(flow.State),
            EndReason = FlowNames.EndReason(flow.EndReason),
            SrcCountry = ends.SrcCountry,
            DstCountry = ends.DstCountry,
            SrcAsn = ends.SrcAsn,
            DstAsn = ends.DstAsn,
            SrcInside = ends.SrcInside,
            DstInside = ends.DstInside,
        };
        writer.Add(row);
    }
}
