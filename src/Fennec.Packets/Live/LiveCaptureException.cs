namespace Fennec.Packets.Live;

/// <summary>
/// A live capture that cannot be opened or read: the message names the device and carries libpcap's own error text.
/// </summary>
public sealed class LiveCaptureException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="device">The interface the capture was for.</param>
    /// <param name="failure">What kind of failure it is.</param>
    /// <param name="message">The full message, device included.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public LiveCaptureException(string device, LiveCaptureFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Device = device;
        Failure = failure;
    }

    /// <summary>The interface the capture was for.</summary>
    public string Device { get; }

    /// <summary>What kind of failure it is.</summary>
    public LiveCaptureFailure Failure { get; }

    /// <summary>The failure when libpcap cannot be loaded at all.</summary>
    internal static LiveCaptureException LibraryMissing(string device, DllNotFoundException cause) =>
        new(device, LiveCaptureFailure.LibraryMissing,
            $"cannot capture on {device}: libpcap is not installed (tried {string.Join(", ", LibPcap.Candidates)}); " +
            "install it with 'apt-get install libpcap0.8'", cause);

    /// <summary>The failure for a status code that <c>pcap_activate</c> returned.</summary>
    internal static LiveCaptureException Activation(string device, int status, string detail)
    {
        var (failure, what, hint) = status switch
        {
            LibPcap.ErrorNoSuchDevice => (LiveCaptureFailure.NoSuchDevice, "no such device", ""),
            LibPcap.ErrorPermissionDenied or LibPcap.ErrorPromiscuousPermissionDenied =>
                (LiveCaptureFailure.PermissionDenied, "permission denied",
                    "; run as root or grant CAP_NET_RAW and CAP_NET_ADMIN (setcap cap_net_raw,cap_net_admin=eip)"),
            LibPcap.ErrorInterfaceNotUp => (LiveCaptureFailure.InterfaceDown, "the interface is not up", ""),
            _ => (LiveCaptureFailure.Other, LibPcap.StatusText(status), ""),
        };
        var libpcap = detail.Length == 0 ? "" : $" (libpcap: {detail})";
        return new LiveCaptureException(device, failure, $"cannot capture on {device}: {what}{libpcap}{hint}");
    }
}
