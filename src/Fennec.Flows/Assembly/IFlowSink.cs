namespace Fennec.Flows.Assembly;

/// <summary>Receives flow records as the table emits them.</summary>
public interface IFlowSink
{
    /// <summary>One finished (or cut) flow; the record is only valid during the call.</summary>
    void OnFlow(in FlowRecord record);
}
