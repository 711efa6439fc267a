using System.Runtime.CompilerServices;
using Fennec.Flows.Assembly;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Export;

/// <summary>
/// One direction of a bidirectional flow record seen as a unidirectional flow, as NetFlow and IPFIX collectors expect
/// it: for the reverse side the endpoints are swapped. A view over the caller's record; nothing is copied.
/// </summary>
internal readonly ref struct OneWay
{
    private readonly ref readonly FlowRecord _record;
    private readonly bool _reverse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public OneWay(in FlowRecord record, FlowSide side)
    {
        _record = ref record;
        _reverse = side == FlowSide.Reverse;
    }

    public ref readonly FlowRecord Record => ref _record;

    public ref readonly FlowDirection Direction => ref _reverse ? ref _record.Reverse : ref _record.Forward;

    public IpAddress Source => _reverse ? _record.DstIp : _record.SrcIp;

    public IpAddress Destination => _reverse ? _record.SrcIp : _record.DstIp;

    public MacAddress SourceMac => _reverse ? _record.DstMac : _record.SrcMac;

    public MacAddress DestinationMac => _reverse ? _record.SrcMac : _record.DstMac;

    public bool IsIcmp => _record.Protocol is IpProtocol.Icmp or IpProtocol.Icmpv6;

    /// <summary>The source port; ICMP has none (its type and code travel in the destination port).</summary>
    public ushort SourcePort => IsIcmp ? (ushort)0 : _reverse ? _record.DstPort : _record.SrcPort;

    /// <summary>The destination port; for ICMP type * 256 + code, the reply's for the reverse side.</summary>
    public ushort DestinationPort =>
        IsIcmp ? _reverse ? IcmpReply.TypeCodeOf(_record.Protocol, _record.DstPort) : _record.DstPort
        : _reverse ? _record.SrcPort : _record.DstPort;

    /// <summary>The side's first packet time; a side without packets falls back on the record's.</summary>
    public long FirstNs => Direction.Packets > 0 ? Direction.FirstNs : _record.FirstNs;

    /// <summary>The side's last packet time; a side without packets falls back on the record's.</summary>
    public long LastNs => Direction.Packets > 0 ? Direction.LastNs : _record.LastNs;
}
