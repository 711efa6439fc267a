using System.Buffers.Binary;

namespace Fennec.Flows.Export;

/// <summary>
/// NetFlow version 9 (RFC 3954): a 20-byte header whose count is the template and data records carried, whose
/// sequence number counts datagrams, and whose source id is <see cref="ExportOptions.ObservationDomainId"/>. Flow
/// times are sysUptime milliseconds (FIRST_SWITCHED and LAST_SWITCHED) from the uptime origin.
/// </summary>
public sealed class NetFlowV9Encoder : TemplateFlowEncoder
{
    private uint _sequence;

    /// <summary>Creates an encoder; nothing is numbered until the first datagram.</summary>
    public NetFlowV9Encoder(ExportOptions options)
        : base(options, ipfix: false)
    {
    }

    /// <inheritdoc />
    public override ExportProtocol Protocol => ExportProtocol.NetFlowV9;

    /// <inheritdoc />
    public override int HeaderLength => 20;

    private protected override void WriteHeader(Span<byte> header, int length, int templateRecords, long nowNs)
    {
        BinaryPrimitives.WriteUInt16BigEndian(header, 9);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(templateRecords + RecordCount));
        // The header carries whole seconds only, so the uptime is taken at the same whole second: a collector that
        // computes the boot time as unixSecs * 1000 - sysUptime then lands exactly on the (whole-second) origin.
        var now = WholeSeconds(nowNs);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], Uptime(now));
        BinaryPrimitives.WriteUInt32BigEndian(header[8..], ExportClock.UnixSeconds(now));
        BinaryPrimitives.WriteUInt32BigEndian(header[12..], _sequence++); // datagrams sent before this one
        BinaryPrimitives.WriteUInt32BigEndian(header[16..], Options.ObservationDomainId);
    }
}
