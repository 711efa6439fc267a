namespace Fennec.Packets.Live;

/// <summary>Why a live capture could not be opened or stopped working.</summary>
public enum LiveCaptureFailure
{
    /// <summary>Something libpcap reports that none of the other values describes.</summary>
    Other,

    /// <summary>libpcap is not installed (no libpcap.so.0.8, libpcap.so.1 or libpcap.so could be loaded).</summary>
    LibraryMissing,

    /// <summary>The interface does not exist.</summary>
    NoSuchDevice,

    /// <summary>The process may not capture on the interface (needs root, or CAP_NET_RAW and CAP_NET_ADMIN).</summary>
    PermissionDenied,

    /// <summary>The interface exists but is not up.</summary>
    InterfaceDown,

    /// <summary>The BPF filter does not compile or cannot be installed.</summary>
    BadFilter,

    /// <summary>Reading from an open capture failed (the interface went away, for example).</summary>
    ReadFailed,
}
