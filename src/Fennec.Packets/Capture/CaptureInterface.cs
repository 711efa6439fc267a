namespace Fennec.Packets.Capture;

/// <summary>An interface a capture was taken on: its link type, snapshot length and clock.</summary>
/// <param name="LinkType">The link-layer header type of its frames.</param>
/// <param name="SnapLength">The snapshot length (0 when unlimited).</param>
/// <param name="Timestamp">How its timestamps convert to nanoseconds.</param>
/// <param name="Name">The interface name when the capture records one.</param>
public sealed record CaptureInterface(LinkType LinkType, uint SnapLength, TimestampScale Timestamp, string? Name = null);
