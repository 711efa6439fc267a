using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Fennec.Flows.Assembly;
using IE = Fennec.Flows.Elements.InformationElement;

namespace Fennec.Flows.Export;

/// <summary>
/// What NetFlow v9 and IPFIX share: a template for IPv4 flows and one for IPv6 flows, sent in the first datagram and
/// again every <see cref="ExportOptions.TemplateRefreshDatagrams"/> datagrams or
/// <see cref="ExportOptions.TemplateRefreshInterval"/> of capture time, and data sets that fill a datagram up to the
/// MTU. A data set holds records of one template; it is closed (padded to four bytes) when a record of the other
/// template follows or the datagram is finished.
/// </summary>
public abstract class TemplateFlowEncoder : FlowDatagramEncoder
{
    /// <summary>The id of the IPv4 template.</summary>
    public const ushort IPv4TemplateId = 256;

    /// <summary>The id of the IPv6 template.</summary>
    public const ushort IPv6TemplateId = 257;

    private readonly TemplateLayout _ipv4;
    private readonly TemplateLayout _ipv6;
    private readonly long _refreshNs;
    private readonly ushort _templateSetId;
    private readonly bool _ipfix;
    private readonly bool _macs;
    private int _datagramsSinceTemplates;
    private long _lastTemplatesNs;
    private int _setStart = -1;
    private ushort _setTemplateId;

    private protected TemplateFlowEncoder(ExportOptions options, bool ipfix)
        : base(options)
    {
        _ipfix = ipfix;
        _macs = options.IncludeMacAddresses;
        _templateSetId = ipfix ? (ushort)2 : (ushort)0;
        _refreshNs = (long)options.TemplateRefreshInterval.TotalNanoseconds;
        _ipv4 = new TemplateLayout(IPv4TemplateId, Fields(ipfix, ipv6: false, _macs));
        _ipv6 = new TemplateLayout(IPv6TemplateId, Fields(ipfix, ipv6: true, _macs));
    }

    /// <summary>True when the open (or last) datagram carries the templates.</summary>
    public bool TemplatesIncluded { get; private set; }

    /// <summary>Bytes of one IPv4 data record.</summary>
    public int IPv4RecordLength => _ipv4.RecordLength;

    /// <summary>Bytes of one IPv6 data record.</summary>
    public int IPv6RecordLength => _ipv6.RecordLength;

    /// <summary>Writes the header once the datagram's length and records are known.</summary>
    private protected abstract void WriteHeader(Span<byte> header, int length, int templateRecords, long nowNs);

    private protected sealed override int BeginCore(Span<byte> datagram, long nowNs)
    {
        _setStart = -1;
        TemplatesIncluded = _datagramsSinceTemplates == 0 || _datagramsSinceTemplates >= Options.TemplateRefreshDatagrams ||
                            nowNs - _lastTemplatesNs >= _refreshNs;
        if (!TemplatesIncluded)
        {
            _datagramsSinceTemplates++;
            return HeaderLength;
        }

        _datagramsSinceTemplates = 1;
        _lastTemplatesNs = nowNs;
        var set = datagram[HeaderLength..];
        var at = 4;
        at += _ipv4.WriteTemplate(set[at..]);
        at += _ipv6.WriteTemplate(set[at..]);
        BinaryPrimitives.WriteUInt16BigEndian(set, _templateSetId);
        BinaryPrimitives.WriteUInt16BigEndian(set[2..], (ushort)at); // a multiple of four: no padding
        return HeaderLength + at;
    }

    private protected sealed override int AppendCore(Span<byte> datagram, OneWay flow)
    {
        var ipv6 = flow.Record.IpVersion == 6;
        var layout = ipv6 ? _ipv6 : _ipv4;
        var sameSet = _setStart >= 0 && _setTemplateId == layout.TemplateId;
        var start = sameSet ? Length : Align4(Length) + 4;
        var end = start + layout.RecordLength;
        if (Align4(end) > datagram.Length)
            return 0;

        if (!sameSet)
        {
            CloseSet(datagram);
            _setStart = start - 4;
            _setTemplateId = layout.TemplateId;
            BinaryPrimitives.WriteUInt16BigEndian(datagram[_setStart..], layout.TemplateId);
        }

        WriteRecord(datagram.Slice(start, layout.RecordLength), flow, ipv6);
        return end - Length;
    }

    private protected sealed override int FinishCore(Span<byte> datagram, long nowNs)
    {
        var length = CloseSet(datagram);
        WriteHeader(datagram[..HeaderLength], length, TemplatesIncluded ? 2 : 0, nowNs);
        return length;
    }

    /// <summary>Pads the open data set to four bytes and writes its length; returns the datagram's length after it.</summary>
    private int CloseSet(Span<byte> datagram)
    {
        var end = Align4(Length);
        if (_setStart < 0)
            return end;
        datagram[Length..end].Clear();
        BinaryPrimitives.WriteUInt16BigEndian(datagram[(_setStart + 2)..], (ushort)(end - _setStart));
        _setStart = -1;
        return end;
    }

    /// <summary>Writes the fields in the order of <see cref="Fields"/>.</summary>
    private void WriteRecord(Span<byte> r, OneWay flow, bool ipv6)
    {
        ref readonly var direction = ref flow.Direction;
        BinaryPrimitives.WriteUInt64BigEndian(r, (ulong)Math.Max(direction.IpBytes, 0));
        BinaryPrimitives.WriteUInt64BigEndian(r[8..], (ulong)Math.Max(direction.Packets, 0));
        int at;
        if (_ipfix)
        {
            BinaryPrimitives.WriteUInt64BigEndian(r[16..], ExportClock.UnixMilliseconds(flow.FirstNs));
            BinaryPrimitives.WriteUInt64BigEndian(r[24..], ExportClock.UnixMilliseconds(flow.LastNs));
            at = 32;
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(r[16..], Uptime(flow.FirstNs));
            BinaryPrimitives.WriteUInt32BigEndian(r[20..], Uptime(flow.LastNs));
            at = 24;
        }

        if (ipv6)
        {
            flow.Source.WriteBytes(r[at..]);
            flow.Destination.WriteBytes(r[(at + 16)..]);
            at += 32;
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(r[at..], flow.Source.IPv4Value);
            BinaryPrimitives.WriteUInt32BigEndian(r[(at + 4)..], flow.Destination.IPv4Value);
            at += 8;
        }

        ref readonly var record = ref flow.Record;
        BinaryPrimitives.WriteUInt32BigEndian(r[at..], (uint)Math.Max(record.Interface, 0));
        BinaryPrimitives.WriteUInt16BigEndian(r[(at + 4)..], flow.SourcePort);
        var destinationPort = flow.DestinationPort;
        BinaryPrimitives.WriteUInt16BigEndian(r[(at + 6)..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(r[(at + 8)..], flow.IsIcmp ? destinationPort : (ushort)0);
        BinaryPrimitives.WriteUInt16BigEndian(r[(at + 10)..], (ushort)(record.Vlan & 0x0FFF));
        r[at + 12] = record.Protocol;
        r[at + 13] = (byte)direction.TcpFlags;
        r[at + 14] = record.IpVersion;
        at += 15;
        if (_ipfix)
            r[at++] = EndReasonCode(record.EndReason);
        if (_macs)
        {
            WriteMac(r[at..], flow.SourceMac.Value);
            WriteMac(r[(at + 6)..], flow.DestinationMac.Value);
        }
    }

    /// <summary>
    /// The field specifiers of a template. Counters are 8 bytes; tcpControlBits is sent in one byte (RFC 7125 allows
    /// the reduced size, and NetFlow v9 defines it so), which keeps the eight classic flags. ICMP type and code go both
    /// in the destination port, as NetFlow does, and in their own element, which nfdump reads for NetFlow v9.
    /// </summary>
    private static (ushort Id, ushort Length)[] Fields(bool ipfix, bool ipv6, bool macs)
    {
        var fields = new List<(ushort, ushort)> { (IE.OctetDeltaCount, 8), (IE.PacketDeltaCount, 8) };
        if (ipfix)
            fields.AddRange([(IE.FlowStartMilliseconds, 8), (IE.FlowEndMilliseconds, 8)]);
        else
            fields.AddRange([(IE.FlowStartSysUpTime, 4), (IE.FlowEndSysUpTime, 4)]);
        if (ipv6)
            fields.AddRange([(IE.SourceIPv6Address, 16), (IE.DestinationIPv6Address, 16)]);
        else
            fields.AddRange([(IE.SourceIPv4Address, 4), (IE.DestinationIPv4Address, 4)]);
        // NetFlow v9 has one ICMP_TYPE element for both families; IPFIX has one per family.
        var icmp = ipfix && ipv6 ? IE.IcmpTypeCodeIPv6 : IE.IcmpTypeCodeIPv4;
        fields.AddRange(
        [
            (IE.IngressInterface, 4), (IE.SourceTransportPort, 2), (IE.DestinationTransportPort, 2), (icmp, 2),
            (IE.VlanId, 2), (IE.ProtocolIdentifier, 1), (IE.TcpControlBits, 1), (IE.IpVersion, 1),
        ]);
        if (ipfix)
            fields.Add((IE.FlowEndReason, 1));
        if (macs)
            fields.AddRange([(IE.SourceMacAddress, 6), (IE.DestinationMacAddress, 6)]);
        return [.. fields];
    }

    /// <summary>IPFIX flowEndReason (RFC 5102 and the IANA registry).</summary>
    private static byte EndReasonCode(FlowEndReason reason) => reason switch
    {
        FlowEndReason.Idle => 1, // idle timeout
        FlowEndReason.ActiveTimeout => 2, // active timeout
        FlowEndReason.Fin or FlowEndReason.Rst => 3, // end of flow detected
        FlowEndReason.EndOfInput => 4, // forced end
        FlowEndReason.Evicted => 5, // lack of resources
        _ => 0,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteMac(Span<byte> destination, ulong mac)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(mac >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)mac);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Align4(int length) => (length + 3) & ~3;
}
