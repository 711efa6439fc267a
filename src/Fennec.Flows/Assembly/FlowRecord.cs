using Fennec.Packets.Decoding;

namespace Fennec.Flows.Assembly;

/// <summary>
/// One bidirectional flow as emitted by the flow table: endpoints seen from the initiator (the first packet's source,
/// unless a SYN-ACK showed the other side initiated), what each direction carried, the TCP outcome and why the
/// record ended. A struct the table fills; consumers copy what they keep.
/// </summary>
public struct FlowRecord
{
    /// <summary>The initiator's address (for MAC flows, zero; see <see cref="SrcMac"/>).</summary>
    public IpAddress SrcIp;

    /// <summary>The responder's address.</summary>
    public IpAddress DstIp;

    /// <summary>The initiator's port (0 for ICMP and protocols without ports).</summary>
    public ushort SrcPort;

    /// <summary>The responder's port; for ICMP the initiator's type * 256 + code.</summary>
    public ushort DstPort;

    /// <summary>IP protocol (0 for MAC flows).</summary>
    public byte Protocol;

    /// <summary>IP version (4, 6, or 0 for MAC flows).</summary>
    public byte IpVersion;

    /// <summary>The outermost VLAN id.</summary>
    public ushort Vlan;

    /// <summary>The capture interface (or sensor) index.</summary>
    public int Interface;

    /// <summary>The initiator's MAC as first seen.</summary>
    public MacAddress SrcMac;

    /// <summary>The responder's MAC as first seen.</summary>
    public MacAddress DstMac;

    /// <summary>The ethertype (for MAC flows the flow's own; otherwise the IP one).</summary>
    public ushort EtherType;

    /// <summary>First packet time of either direction (ns).</summary>
    public long FirstNs;

    /// <summary>Last packet time of either direction (ns).</summary>
    public long LastNs;

    /// <summary>Initiator to responder.</summary>
    public FlowDirection Forward;

    /// <summary>Responder to initiator.</summary>
    public FlowDirection Reverse;

    /// <summary>The TCP outcome (Zeek's conn_state); for other protocols S0 or SF.</summary>
    public ConnectionState State;

    /// <summary>The TCP history letters (Zeek's history).</summary>
    public ConnectionHistory History;

    /// <summary>Why this record was emitted.</summary>
    public FlowEndReason EndReason;

    /// <summary>The flow's number in order of creation (0 for the first flow the table saw).</summary>
    public long Id;

    /// <summary>Which record of the flow this is (0, then 1, 2... after active timeouts).</summary>
    public int Sequence;

    /// <summary>True when the record is keyed by MAC addresses (non-IP traffic).</summary>
    public bool IsMacFlow;

    /// <summary>Total packets both ways.</summary>
    public readonly long Packets => Forward.Packets + Reverse.Packets;

    /// <summary>Total wire bytes both ways.</summary>
    public readonly long Bytes => Forward.Bytes + Reverse.Bytes;

    /// <summary>Duration in nanoseconds.</summary>
    public readonly long DurationNs => LastNs - FirstNs;
}
