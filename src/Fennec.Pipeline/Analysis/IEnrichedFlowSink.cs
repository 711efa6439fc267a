using Fennec.Features.Traffic;
using Fennec.Flows.Assembly;

namespace Fennec.Pipeline.Analysis;

/// <summary>Receives every flow of an analysis with its enrichment (the store's flow writer, for one).</summary>
public interface IEnrichedFlowSink
{
    /// <summary>One finished flow; both arguments are only valid during the call.</summary>
    void OnFlow(in FlowRecord flow, in FlowEnds ends);
}
