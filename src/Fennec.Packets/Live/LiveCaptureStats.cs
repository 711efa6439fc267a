namespace Fennec.Packets.Live;

/// <summary>libpcap's counters for a live capture since it was opened (<c>pcap_stats</c>).</summary>
/// <param name="Received">
/// Packets the kernel handed to the capture (on Linux, those that passed the filter; on loopback each one counts twice,
/// going out and coming in, though libpcap delivers only one copy).
/// </param>
/// <param name="Dropped">Packets dropped because the capture buffer was full: the reader fell behind.</param>
/// <param name="InterfaceDropped">Packets the interface or its driver dropped, when the platform reports it.</param>
public readonly record struct LiveCaptureStats(long Received, long Dropped, long InterfaceDropped);
