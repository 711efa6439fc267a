namespace Fennec.Flows.Assembly;

/// <summary>Lets several partitions, each on its own thread, hand their records to one sink, one record at a time.</summary>
public sealed class SynchronizedSink(IFlowSink sink) : IFlowSink
{
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public void OnFlow(in FlowRecord record)
    {
        lock (_gate)
            sink.OnFlow(record);
    }
}
