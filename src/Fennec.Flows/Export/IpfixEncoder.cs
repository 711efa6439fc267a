using System.Buffers.Binary;

namespace Fennec.Flows.Export;

/// <summary>
/// IPFIX (RFC 7011): a 16-byte message header with the message length, the export time, a sequence number that
/// counts the data records sent before this message (templates do not count), and the observation domain id. Flow
/// times are absolute (flowStartMilliseconds, flowEndMilliseconds) and each record carries its flowEndReason.
/// </summary>
public sealed class IpfixEncoder : TemplateFlowEncoder
{
    private uint _sequence;

    /// <summary>Creates an encoder; nothing is numbered until the first message.</summary>
    public IpfixEncoder(ExportOptions options)
        : base(options, ipfix: true)
    {
    }

    /// <inheritdoc />
    public override ExportProtocol Protocol => ExportProtocol.Ipfix;

    /// <inheritdoc />
    public override int HeaderLength => 16;

    private protected override void WriteHeader(Span<byte> header, int length, int templateRecords, long nowNs)
    {
        BinaryPrimitives.WriteUInt16BigEndian(header, 10);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)length);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], ExportClock.UnixSeconds(nowNs));
        BinaryPrimitives.WriteUInt32BigEndian(header[8..], _sequence);
        BinaryPrimitives.WriteUInt32BigEndian(header[12..], Options.ObservationDomainId);
        _sequence += (uint)RecordCount; // wraps modulo 2^32 as the RFC says
    }
}
