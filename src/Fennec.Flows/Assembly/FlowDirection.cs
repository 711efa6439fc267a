using Fennec.Packets.Decoding;

namespace Fennec.Flows.Assembly;

/// <summary>What one direction of a flow carried.</summary>
public struct FlowDirection
{
    /// <summary>Packets.</summary>
    public long Packets;

    /// <summary>Bytes on the wire (link layer included, as captured tools count them).</summary>
    public long Bytes;

    /// <summary>IP bytes: the sum of the innermost IP headers' total lengths (what NetFlow and Zeek count as octets).</summary>
    public long IpBytes;

    /// <summary>Transport payload bytes.</summary>
    public long PayloadBytes;

    /// <summary>First packet time (ns).</summary>
    public long FirstNs;

    /// <summary>Last packet time (ns).</summary>
    public long LastNs;

    /// <summary>Union of TCP flags.</summary>
    public TcpFlags TcpFlags;

    /// <summary>Packets with SYN set.</summary>
    public int SynCount;

    /// <summary>Packets with FIN set.</summary>
    public int FinCount;

    /// <summary>Packets with RST set.</summary>
    public int RstCount;

    /// <summary>Packet sizes (wire length).</summary>
    public RunningStatistics Sizes;

    /// <summary>Gaps between consecutive packets of this direction (ns).</summary>
    public RunningStatistics InterArrival;
}
