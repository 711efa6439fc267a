using System.Buffers.Binary;
using Fennec.Flows.Assembly;

namespace Fennec.Flows.Export;

/// <summary>
/// NetFlow version 5: a 24-byte header and up to 30 fixed 48-byte IPv4 records (fewer when the MTU is smaller).
/// v5 is unidirectional, so each side of a flow record is one v5 record; IPv6 flows cannot be carried. Packet and
/// byte counts above 2^32 - 1 are clamped to it and counted in <see cref="SaturatedRecords"/>.
/// </summary>
public sealed class NetFlowV5Encoder : FlowDatagramEncoder
{
    /// <summary>Bytes in a record.</summary>
    public const int RecordLength = 48;

    /// <summary>Records a datagram may hold by the format's definition.</summary>
    public const int MaxRecordsPerDatagram = 30;

    private uint _flowSequence;

    /// <summary>Creates an encoder; nothing is numbered until the first datagram.</summary>
    public NetFlowV5Encoder(ExportOptions options)
        : base(options)
    {
        RecordsPerDatagram = Math.Min(MaxRecordsPerDatagram, (options.Mtu - HeaderLength) / RecordLength);
    }

    /// <inheritdoc />
    public override ExportProtocol Protocol => ExportProtocol.NetFlowV5;

    /// <inheritdoc />
    public override int HeaderLength => 24;

    /// <summary>Records per datagram: 30, or fewer when the MTU cannot hold 30.</summary>
    public int RecordsPerDatagram { get; }

    /// <summary>Records whose packet or byte count did not fit in 32 bits and was clamped.</summary>
    public long SaturatedRecords { get; private set; }

    /// <inheritdoc />
    public override FlowSkipReason Check(in FlowRecord record)
    {
        var reason = base.Check(record);
        return reason == FlowSkipReason.None && record.IpVersion != 4 ? FlowSkipReason.IPv6NotSupported : reason;
    }

    private protected override int BeginCore(Span<byte> datagram, long nowNs) => HeaderLength;

    private protected override int AppendCore(Span<byte> datagram, OneWay flow)
    {
        if (RecordCount >= RecordsPerDatagram)
            return 0;
        if (!flow.Source.IsIPv4 || !flow.Destination.IsIPv4)
            throw new ArgumentException("NetFlow v5 carries IPv4 flows only; check records with Check first", nameof(flow));

        ref readonly var direction = ref flow.Direction;
        var r = datagram.Slice(Length, RecordLength);
        BinaryPrimitives.WriteUInt32BigEndian(r, flow.Source.IPv4Value);
        BinaryPrimitives.WriteUInt32BigEndian(r[4..], flow.Destination.IPv4Value);
        BinaryPrimitives.WriteUInt32BigEndian(r[8..], 0); // next hop: not known to a passive probe
        BinaryPrimitives.WriteUInt16BigEndian(r[12..], (ushort)Math.Clamp(flow.Record.Interface, 0, ushort.MaxValue));
        BinaryPrimitives.WriteUInt16BigEndian(r[14..], 0); // output interface
        var saturated = direction.Packets > uint.MaxValue || direction.IpBytes > uint.MaxValue;
        BinaryPrimitives.WriteUInt32BigEndian(r[16..], (uint)Math.Clamp(direction.Packets, 0, uint.MaxValue));
        BinaryPrimitives.WriteUInt32BigEndian(r[20..], (uint)Math.Clamp(direction.IpBytes, 0, uint.MaxValue));
        BinaryPrimitives.WriteUInt32BigEndian(r[24..], Uptime(flow.FirstNs));
        BinaryPrimitives.WriteUInt32BigEndian(r[28..], Uptime(flow.LastNs));
        BinaryPrimitives.WriteUInt16BigEndian(r[32..], flow.SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(r[34..], flow.DestinationPort);
        r[36] = 0;
        r[37] = (byte)direction.TcpFlags;
        r[38] = flow.Record.Protocol;
        r[39] = 0; // type of service: not kept by the flow table
        r[40..48].Clear(); // source/destination AS, masks and padding: unknown to a passive probe
        if (saturated)
            SaturatedRecords++;
        return RecordLength;
    }

    private protected override int FinishCore(Span<byte> datagram, long nowNs)
    {
        var h = datagram[..HeaderLength];
        BinaryPrimitives.WriteUInt16BigEndian(h, 5);
        BinaryPrimitives.WriteUInt16BigEndian(h[2..], (ushort)RecordCount);
        BinaryPrimitives.WriteUInt32BigEndian(h[4..], Uptime(nowNs));
        BinaryPrimitives.WriteUInt32BigEndian(h[8..], ExportClock.UnixSeconds(nowNs));
        BinaryPrimitives.WriteUInt32BigEndian(h[12..], (uint)(Math.Max(nowNs, 0) % ExportClock.NanosecondsPerSecond));
        BinaryPrimitives.WriteUInt32BigEndian(h[16..], _flowSequence); // flows exported before this datagram
        h[20] = (byte)(Options.ObservationDomainId >> 8); // engine type
        h[21] = (byte)Options.ObservationDomainId; // engine id
        BinaryPrimitives.WriteUInt16BigEndian(h[22..], 0); // sampling: none
        _flowSequence += (uint)RecordCount;
        return Length;
    }
}
