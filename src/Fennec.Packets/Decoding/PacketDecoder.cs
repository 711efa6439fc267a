using Fennec.Packets.Capture;

namespace Fennec.Packets.Decoding;

/// <summary>
/// Decodes the headers of one captured frame into a <see cref="DecodedPacket"/>. Pure: no I/O, no allocation, no
/// state between calls, and every read is bounds-checked against the captured bytes, so any input yields a status
/// rather than an exception.
/// </summary>
public static partial class PacketDecoder
{
    /// <summary>The most encapsulations followed before a packet is called malformed (bounds recursion).</summary>
    public const int MaxTunnelDepth = 8;

    /// <summary>Decodes <paramref name="frame"/>, captured on a link of type <paramref name="linkType"/>.</summary>
    /// <param name="frame">The captured bytes, starting at the link-layer header.</param>
    /// <param name="linkType">The link type of the interface that captured the frame.</param>
    /// <param name="timestampNs">Capture time in nanoseconds since the Unix epoch.</param>
    /// <param name="wireLength">The frame's length on the wire.</param>
    /// <param name="interfaceId">The capture interface index.</param>
    /// <param name="packet">Receives the decoded headers.</param>
    public static void Decode(ReadOnlySpan<byte> frame, LinkType linkType, long timestampNs, int wireLength, int interfaceId,
        out DecodedPacket packet)
    {
        packet = default;
        packet.TimestampNs = timestampNs;
        packet.CapturedLength = frame.Length;
        packet.WireLength = wireLength;
        packet.InterfaceId = interfaceId;
        packet.LinkType = linkType;
        if (linkType == LinkType.Ethernet && TryDecodeCommonEthernet(frame, ref packet))
            return;
        DecodeLink(frame, linkType, ref packet);

        // A header that would start past the captured bytes (a truncated tunnel, say) stops at the capture's end.
        if (packet.PayloadOffset > frame.Length)
            packet.PayloadOffset = frame.Length;
    }

    /// <summary>Decodes through the general chain only, bypassing the common-shape fast path (for tests).</summary>
    internal static void DecodeGeneral(ReadOnlySpan<byte> frame, LinkType linkType, out DecodedPacket packet)
    {
        packet = default;
        packet.TimestampNs = 0;
        packet.CapturedLength = frame.Length;
        packet.WireLength = frame.Length;
        packet.LinkType = linkType;
        DecodeLink(frame, linkType, ref packet);
        if (packet.PayloadOffset > frame.Length)
            packet.PayloadOffset = frame.Length;
    }

    /// <summary>Records where decoding stopped.</summary>
    private static void Stop(ref DecodedPacket p, DecodeStatus status, DecodeLayer layer, int offset)
    {
        p.Status = status;
        p.StatusLayer = layer;
        p.PayloadOffset = offset;
        p.PayloadLength = 0;
    }

    /// <summary>Marks the rest of the frame, from <paramref name="offset"/>, as undecoded payload.</summary>
    private static void Rest(ReadOnlySpan<byte> f, ref DecodedPacket p, int offset)
    {
        p.PayloadOffset = Math.Min(offset, f.Length);
        p.PayloadLength = Math.Max(0, f.Length - offset);
    }
}
