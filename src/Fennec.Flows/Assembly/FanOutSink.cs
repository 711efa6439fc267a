namespace Fennec.Flows.Assembly;

/// <summary>Hands each record to several sinks in turn (rows and exporters, say).</summary>
public sealed class FanOutSink(IReadOnlyList<IFlowSink> sinks) : IFlowSink
{
    /// <inheritdoc />
    public void OnFlow(in FlowRecord record)
    {
        for (var i = 0; i < sinks.Count; i++)
            sinks[i].OnFlow(record);
    }
}
