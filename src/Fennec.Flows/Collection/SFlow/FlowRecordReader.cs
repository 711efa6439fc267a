using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Collection.SFlow;

/// <summary>
/// Reads the flow records of one flow sample into its <see cref="TelemetryRecord"/> and <see cref="SampleContents"/>.
/// Each record's body is bounded by its own length, so a field that would run past it is an error, never a read
/// into the next record.
/// </summary>
internal static class FlowRecordReader
{
    /// <summary>Applies one record: null when it was read or skipped, else why it is malformed.</summary>
    public static DecodeErrorKind? Read(uint format, ReadOnlySpan<byte> data, ref TelemetryRecord record,
        ref SampleContents sample, ExporterCounters counters)
    {
        var reader = new XdrReader(data);
        return format switch
        {
            SFlowFormat.SampledHeader => SampledHeader(ref reader, ref sample, counters),
            SFlowFormat.SampledEthernet => SampledEthernet(ref reader, ref record, ref sample),
            SFlowFormat.SampledIPv4 => SampledIp(ref reader, 4, ref record, ref sample),
            SFlowFormat.SampledIPv6 => SampledIp(ref reader, 6, ref record, ref sample),
            SFlowFormat.ExtendedSwitch => ExtendedSwitch(ref reader, ref record),
            SFlowFormat.ExtendedRouter => ExtendedRouter(ref reader, ref record, ref sample),
            SFlowFormat.ExtendedGateway => ExtendedGateway(ref reader, ref record, ref sample),
            _ => Skip(counters),
        };
    }

    private static DecodeErrorKind? Skip(ExporterCounters counters)
    {
        counters.SampleRecordsSkipped++;
        return null;
    }

    /// <summary>Header protocol, frame length, bytes stripped, then the header bytes; decoded once all records are read.</summary>
    private static DecodeErrorKind? SampledHeader(ref XdrReader reader, ref SampleContents sample, ExporterCounters counters)
    {
        if (!reader.TryReadUInt32(out var protocol) || !reader.TryReadUInt32(out var frameLength)
            || !reader.TryReadUInt32(out var stripped) || !reader.TryReadOpaque(out var header))
            return DecodeErrorKind.BadSample;
        LinkType linkType;
        switch (protocol)
        {
            case SFlowFormat.HeaderEthernet:
                linkType = LinkType.Ethernet;
                break;
            case SFlowFormat.HeaderIPv4 or SFlowFormat.HeaderIPv6:
                // The raw link type takes the IP version from the first nibble.
                linkType = LinkType.Raw;
                break;
            default:
                return Skip(counters);
        }

        // One header per sample is the norm; should an agent send two, the first is the packet.
        if (!sample.HasHeader)
        {
            sample.HasHeader = true;
            sample.Header = header;
            sample.HeaderLinkType = linkType;
            sample.FrameLength = frameLength;
            sample.Stripped = stripped;
        }

        return null;
    }

    /// <summary>MAC packet length, source and destination MAC (each padded to 8 bytes), ethertype.</summary>
    private static DecodeErrorKind? SampledEthernet(ref XdrReader reader, ref TelemetryRecord record, ref SampleContents sample)
    {
        if (!reader.TryReadUInt32(out var length) || !reader.TryReadFixedOpaque(6, out var src)
            || !reader.TryReadFixedOpaque(6, out var dst) || !reader.TryReadUInt32(out _))
            return DecodeErrorKind.BadSample;
        sample.HasEthernet = true;
        sample.EthernetLength = length;
        record.SrcMac = MacAddress.Read(src);
        record.DstMac = MacAddress.Read(dst);
        return null;
    }

    /// <summary>IP length, protocol, addresses, ports, TCP flags, then ToS (IPv4) or priority (IPv6).</summary>
    private static DecodeErrorKind? SampledIp(ref XdrReader reader, byte version, ref TelemetryRecord record, ref SampleContents sample)
    {
        var addressLength = version == 4 ? 4 : 16;
        if (!reader.TryReadUInt32(out var length) || !reader.TryReadUInt32(out var protocol)
            || !reader.TryReadBytes(addressLength, out var src) || !reader.TryReadBytes(addressLength, out var dst)
            || !reader.TryReadUInt32(out var srcPort) || !reader.TryReadUInt32(out var dstPort)
            || !reader.TryReadUInt32(out var tcpFlags) || !reader.TryReadUInt32(out var tos))
            return DecodeErrorKind.BadSample;
        sample.HasSampledIp = true;
        sample.IpLength = length;
        record.IpVersion = version;
        record.SrcIp = version == 4 ? IpAddress.FromIPv4(src) : IpAddress.FromIPv6(src);
        record.DstIp = version == 4 ? IpAddress.FromIPv4(dst) : IpAddress.FromIPv6(dst);
        record.IpProtocol = (byte)protocol;
        record.SrcPort = (ushort)srcPort;
        record.DstPort = (ushort)dstPort;
        record.TcpFlags = (byte)tcpFlags;
        record.Tos = (byte)tos;
        return null;
    }

    /// <summary>Source VLAN and priority, destination VLAN and priority; the record keeps the ingress (source) VLAN.</summary>
    private static DecodeErrorKind? ExtendedSwitch(ref XdrReader reader, ref TelemetryRecord record)
    {
        if (!reader.TryReadUInt32(out var srcVlan) || !reader.TryReadBytes(12, out _))
            return DecodeErrorKind.BadSample;
        // Values past 4095 are not VLAN ids (agents use them for "none").
        if (srcVlan is > 0 and < 4096)
            record.Vlan = (ushort)srcVlan;
        return null;
    }

    /// <summary>Next hop, source and destination prefix lengths.</summary>
    private static DecodeErrorKind? ExtendedRouter(ref XdrReader reader, ref TelemetryRecord record, ref SampleContents sample)
    {
        if (!reader.TryReadAddress(out var nextHop, out var unknownType))
            return unknownType ? DecodeErrorKind.BadAddressType : DecodeErrorKind.BadSample;
        if (!reader.TryReadUInt32(out var srcMask) || !reader.TryReadUInt32(out var dstMask))
            return DecodeErrorKind.BadSample;
        record.NextHop = nextHop;
        sample.HasIpNextHop = true;
        record.SrcMask = (byte)Math.Min(srcMask, 128u);
        record.DstMask = (byte)Math.Min(dstMask, 128u);
        return null;
    }

    /// <summary>
    /// BGP next hop, the router's AS, the source's AS, the source peer's AS, then the destination AS path as a list of
    /// segments (type, then a list of ASes); communities and local preference follow and are not needed. The source AS
    /// is the source's, or the router's own when it is 0 (a local source); the destination AS is the path's last,
    /// or the router's own when the path is empty (a local destination).
    /// </summary>
    private static DecodeErrorKind? ExtendedGateway(ref XdrReader reader, ref TelemetryRecord record, ref SampleContents sample)
    {
        if (!reader.TryReadAddress(out var nextHop, out var unknownType))
            return unknownType ? DecodeErrorKind.BadAddressType : DecodeErrorKind.BadSample;
        if (!reader.TryReadUInt32(out var ownAs) || !reader.TryReadUInt32(out var srcAs) || !reader.TryReadUInt32(out _)
            || !reader.TryReadUInt32(out var segments) || segments > reader.Remaining / 8)
            return DecodeErrorKind.BadSample;
        var lastAs = ownAs;
        for (var s = 0u; s < segments; s++)
        {
            if (!reader.TryReadUInt32(out _) || !reader.TryReadUInt32(out var count) || count > reader.Remaining / 4)
                return DecodeErrorKind.BadSample;
            if (count == 0)
                continue;
            reader.TryReadBytes((int)(count - 1) * 4, out _);
            reader.TryReadUInt32(out lastAs);
        }

        // The IP next hop of an extended router record, when there is one, says more than the BGP next hop.
        if (!sample.HasIpNextHop)
            record.NextHop = nextHop;
        record.SrcAs = srcAs != 0 ? srcAs : ownAs;
        record.DstAs = lastAs;
        return null;
    }
}
