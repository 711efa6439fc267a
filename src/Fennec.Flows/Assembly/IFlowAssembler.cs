using Fennec.Packets.Decoding;

namespace Fennec.Flows.Assembly;

/// <summary>Turns decoded packets into flow records: one table, or one of several partitions of the flows.</summary>
public interface IFlowAssembler : IDisposable
{
    /// <summary>Counters (summed over partitions).</summary>
    FlowTableStatistics Statistics { get; }

    /// <summary>Adds one decoded packet.</summary>
    void Add(in DecodedPacket packet);

    /// <summary>Ends every flow still held (end of input) and delivers the remaining records.</summary>
    void Flush();
}
