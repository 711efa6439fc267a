using Fennec.Packets.Decoding;

namespace Fennec.Flows.Collection.SFlow;

/// <summary>The header of an sFlow version 5 datagram.</summary>
internal readonly record struct SFlowDatagramHeader(IpAddress Agent, uint SubAgentId, uint Sequence, uint Uptime, uint SampleCount)
{
    /// <summary>Reads the header: null when it is whole, else why not (the datagram ends inside it, or its agent address has an unknown type).</summary>
    public static DecodeErrorKind? TryRead(ref XdrReader reader, out SFlowDatagramHeader header)
    {
        header = default;
        if (!reader.TryReadUInt32(out var version))
            return DecodeErrorKind.TruncatedHeader;
        if (version != 5)
            return DecodeErrorKind.UnknownVersion;
        if (!reader.TryReadAddress(out var agent, out var unknownType))
            return unknownType ? DecodeErrorKind.BadAddressType : DecodeErrorKind.TruncatedHeader;
        if (!reader.TryReadUInt32(out var subAgent) || !reader.TryReadUInt32(out var sequence)
            || !reader.TryReadUInt32(out var uptime) || !reader.TryReadUInt32(out var count))
            return DecodeErrorKind.TruncatedHeader;
        header = new SFlowDatagramHeader(agent, subAgent, sequence, uptime, count);
        return null;
    }
}
