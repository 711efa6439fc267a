namespace Fennec.Packets.Capture;

/// <summary>The container format of a capture.</summary>
public enum CaptureFormat
{
    /// <summary>Classic pcap with microsecond timestamps.</summary>
    Pcap,

    /// <summary>Classic pcap with nanosecond timestamps.</summary>
    PcapNanosecond,

    /// <summary>Alexey Kuznetzov's modified pcap (extra fields per record).</summary>
    PcapModified,

    /// <summary>pcapng.</summary>
    Pcapng,
}
