namespace Fennec.Packets.Capture;

/// <summary>
/// One captured frame as the reader hands it out: the bytes are a view into the reader's buffer, valid until the
/// next call to <see cref="CaptureReader.TryRead"/> (or <see cref="Live.LiveCapture.TryRead"/> for live capture).
/// </summary>
public readonly ref struct CaptureRecord
{
    /// <summary>Creates a record.</summary>
    public CaptureRecord(ReadOnlySpan<byte> data, long timestampNs, int wireLength, int interfaceId, LinkType linkType, long offset)
    {
        Data = data;
        TimestampNs = timestampNs;
        WireLength = wireLength;
        InterfaceId = interfaceId;
        LinkType = linkType;
        Offset = offset;
    }

    /// <summary>The captured bytes, starting at the link-layer header.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Capture time in nanoseconds since the Unix epoch.</summary>
    public long TimestampNs { get; }

    /// <summary>The frame's length on the wire.</summary>
    public int WireLength { get; }

    /// <summary>The interface the frame was captured on (0 for pcap).</summary>
    public int InterfaceId { get; }

    /// <summary>The link type of that interface.</summary>
    public LinkType LinkType { get; }

    /// <summary>
    /// Byte offset of the record (or block) header in the decompressed capture; for live capture, which has no
    /// file, the frame's ordinal number (0 for the first).
    /// </summary>
    public long Offset { get; }
}
