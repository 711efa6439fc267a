using System.Runtime.InteropServices;
using Fennec.Packets.Capture;

namespace Fennec.Packets.Live;

/// <summary>
/// Captures frames from a network interface through libpcap and hands them out as <see cref="CaptureRecord"/>s,
/// the same records a capture file yields, so everything downstream runs unchanged. Each record's bytes are a view
/// of libpcap's buffer, never copied, valid until the next call to <see cref="TryRead"/>; reading allocates nothing.
/// Not thread-safe: one reader, except that <see cref="Break"/> may be called from any thread.
/// </summary>
/// <remarks>
/// libpcap's own read timeout cannot be relied on to return when no packet arrives (Linux 1.10 keeps waiting), so
/// the handle is non-blocking and <see cref="TryRead"/> waits in <c>poll</c> on libpcap's descriptor and on an
/// event that <see cref="Break"/> signals.
/// </remarks>
public sealed unsafe class LiveCapture : IDisposable
{
    private readonly PcapHandle _handle;
    private readonly WakeEvent _wake;

    // The raw pcap_t for the per-packet call; the handle keeps it alive until Dispose, which the reader owns.
    private readonly nint _pcap;
    private readonly int _pcapFd;
    private readonly long _nsPerFractionUnit;

    private LiveCapture(string device, LiveCaptureOptions options, PcapHandle handle, int fd, bool nanoseconds, string? warning)
    {
        Device = device;
        Options = options;
        _handle = handle;
        _pcap = handle.DangerousGetHandle();
        _pcapFd = fd;
        _wake = WakeEvent.Create();
        NanosecondTimestamps = nanoseconds;
        _nsPerFractionUnit = nanoseconds ? 1 : 1000;
        ActivationWarning = warning;

        // DLT and LINKTYPE numbers agree for every link the decoder knows; DLT_RAW (12, or 14 on OpenBSD) has its
        // own members in LinkType.
        LinkType = (LinkType)LibPcap.pcap_datalink(handle);
    }

    /// <summary>The interface being captured.</summary>
    public string Device { get; }

    /// <summary>The options the capture was opened with.</summary>
    public LiveCaptureOptions Options { get; }

    /// <summary>The interface's link type (<c>pcap_datalink</c>); Linux loopback reports Ethernet.</summary>
    public LinkType LinkType { get; }

    /// <summary>True when libpcap delivers nanosecond timestamps; otherwise they are microseconds scaled to ns.</summary>
    public bool NanosecondTimestamps { get; }

    /// <summary>What <c>pcap_activate</c> warned about (for example that promiscuous mode is unsupported), or null.</summary>
    public string? ActivationWarning { get; }

    /// <summary>Frames delivered so far.</summary>
    public long Records { get; private set; }

    /// <summary>The libpcap version string (<c>pcap_lib_version</c>), or null when libpcap cannot be loaded.</summary>
    public static string? LibraryVersion
    {
        get
        {
            try
            {
                return LibPcap.Text(LibPcap.pcap_lib_version());
            }
            catch (DllNotFoundException)
            {
                return null;
            }
        }
    }

    /// <summary>Opens a capture on <paramref name="device"/> (an interface name such as <c>eth0</c>, <c>lo</c> or <c>any</c>).</summary>
    /// <param name="device">The interface to capture on.</param>
    /// <param name="options">How to capture; null for the defaults of <see cref="LiveCaptureOptions"/>.</param>
    /// <exception cref="LiveCaptureException">
    /// libpcap is not installed, the interface does not exist or is down, the process may not capture, or the filter
    /// is invalid.
    /// </exception>
    /// <exception cref="ArgumentException">The device name is empty or an option is out of range.</exception>
    public static LiveCapture Open(string device, LiveCaptureOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(device);
        options ??= new LiveCaptureOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.SnapLength, nameof(options.SnapLength));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.ReadTimeoutMs, nameof(options.ReadTimeoutMs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BufferSize, nameof(options.BufferSize));

        var errors = stackalloc byte[LibPcap.ErrorBufferSize];
        errors[0] = 0;
        PcapHandle handle;
        try
        {
            handle = LibPcap.pcap_create(device, errors);
        }
        catch (DllNotFoundException e)
        {
            throw LiveCaptureException.LibraryMissing(device, e);
        }

        try
        {
            if (handle.IsInvalid)
                throw new LiveCaptureException(device, LiveCaptureFailure.Other, $"cannot capture on {device}: {LibPcap.Text(errors)}");

            // These only fail on an activated handle, which this one is not yet.
            LibPcap.pcap_set_snaplen(handle, options.SnapLength);
            LibPcap.pcap_set_promisc(handle, options.Promiscuous ? 1 : 0);
            LibPcap.pcap_set_buffer_size(handle, options.BufferSize);
            // Without immediate mode the kernel hands over a block of packets when it fills or this much time passes.
            LibPcap.pcap_set_timeout(handle, options.ReadTimeoutMs);
            SetImmediateMode(handle, options.ImmediateMode);
            var nanoseconds = RequestNanoseconds(handle);

            var status = LibPcap.pcap_activate(handle);
            if (status < 0)
                throw LiveCaptureException.Activation(device, status, LibPcap.LastError(handle));
            var warning = status > 0 ? Warning(handle, status) : null;

            // The request can be accepted and still not be honoured; ask what the activated handle delivers.
            if (nanoseconds)
                nanoseconds = ActivePrecision(handle) == LibPcap.PrecisionNano;

            if (options.Filter is { } filter)
                SetFilter(handle, device, filter);
            var fd = Pollable(handle, device, errors);
            return new LiveCapture(device, options, handle, fd, nanoseconds, warning);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the next frame, waiting up to <see cref="LiveCaptureOptions.ReadTimeoutMs"/> for one. False when the
    /// timeout passed with nothing to read, or after <see cref="Break"/>, so the caller can check whether to stop and
    /// call again.
    /// </summary>
    /// <param name="record">The frame; its bytes stay valid until the next call.</param>
    /// <exception cref="LiveCaptureException">Capture failed, for example because the interface went away.</exception>
    /// <exception cref="ObjectDisposedException">The capture was disposed.</exception>
    public bool TryRead(out CaptureRecord record)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        return Next(out record) || (Wait() && Next(out record));
    }

    /// <summary>
    /// Makes the <see cref="TryRead"/> that is waiting, or else the next one to wait, return false promptly. Safe
    /// from any thread, such as a Ctrl+C handler; does nothing once the capture is disposed.
    /// </summary>
    public void Break() => _wake.Signal();

    /// <summary>libpcap's counters since the capture was opened.</summary>
    /// <exception cref="LiveCaptureException">libpcap cannot report them.</exception>
    public LiveCaptureStats Stats
    {
        get
        {
            LibPcap.Stat stat = default;
            if (LibPcap.pcap_stats(_handle, &stat) < 0)
            {
                throw new LiveCaptureException(Device, LiveCaptureFailure.Other,
                    $"cannot read capture statistics for {Device}: {LibPcap.LastError(_handle)}");
            }

            return new LiveCaptureStats(stat.Received, stat.Dropped, stat.InterfaceDropped);
        }
    }

    /// <summary>Closes the capture.</summary>
    public void Dispose()
    {
        _handle.Dispose();
        _wake.Dispose();
    }

    /// <summary>Takes the next frame libpcap has buffered, without waiting.</summary>
    private bool Next(out CaptureRecord record)
    {
        LibPcap.PacketHeader* header;
        byte* data;
        var status = LibPcap.pcap_next_ex(_pcap, &header, &data);
        if (status == 1)
        {
            var ns = (header->Seconds.Value * 1_000_000_000L) + (header->Fraction.Value * _nsPerFractionUnit);
            record = new CaptureRecord(new ReadOnlySpan<byte>(data, (int)header->CapturedLength), ns,
                (int)header->WireLength, interfaceId: 0, LinkType, offset: Records);
            Records++;
            return true;
        }

        record = default;
        if (status is 0 or LibPcap.ErrorBreak)
            return false;
        throw new LiveCaptureException(Device, LiveCaptureFailure.ReadFailed,
            $"capture on {Device} failed: {LibPcap.LastError(_handle)}");
    }

    /// <summary>Waits for libpcap's descriptor to become readable; false on timeout, break or signal.</summary>
    private bool Wait()
    {
        var fds = stackalloc LibC.PollFd[2];
        fds[0] = new LibC.PollFd { Fd = _pcapFd, Events = LibC.PollIn };
        fds[1] = new LibC.PollFd { Fd = _wake.Fd, Events = LibC.PollIn };
        var ready = LibC.poll(fds, 2, Options.ReadTimeoutMs);
        if (ready < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.Interrupted)
                return false;
            throw new LiveCaptureException(Device, LiveCaptureFailure.ReadFailed,
                $"capture on {Device} failed: poll: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        if (fds[1].ReturnedEvents != 0)
        {
            _wake.Reset();
            return false;
        }

        // Errors and hang-ups count as ready too: the next read reports them.
        return ready > 0;
    }

    private static void SetImmediateMode(PcapHandle handle, bool on)
    {
        try
        {
            LibPcap.pcap_set_immediate_mode(handle, on ? 1 : 0);
        }
        catch (EntryPointNotFoundException)
        {
            // libpcap before 1.5 has no immediate mode; the read timeout then bounds the delay instead.
        }
    }

    private static bool RequestNanoseconds(PcapHandle handle)
    {
        try
        {
            return LibPcap.pcap_set_tstamp_precision(handle, LibPcap.PrecisionNano) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            // libpcap before 1.5 delivers microseconds only.
            return false;
        }
    }

    private static int ActivePrecision(PcapHandle handle)
    {
        try
        {
            return LibPcap.pcap_get_tstamp_precision(handle);
        }
        catch (EntryPointNotFoundException)
        {
            return LibPcap.PrecisionMicro;
        }
    }

    /// <summary>Makes the handle non-blocking and returns the descriptor to wait on.</summary>
    private static int Pollable(PcapHandle handle, string device, byte* errors)
    {
        if (LibPcap.pcap_setnonblock(handle, 1, errors) < 0)
            throw new LiveCaptureException(device, LiveCaptureFailure.Other, $"cannot capture on {device}: {LibPcap.Text(errors)}");
        var fd = LibPcap.pcap_get_selectable_fd(handle);
        if (fd < 0)
        {
            throw new LiveCaptureException(device, LiveCaptureFailure.Other,
                $"cannot capture on {device}: libpcap offers no descriptor to wait on for this device");
        }

        return fd;
    }

    private static string Warning(PcapHandle handle, int status)
    {
        var detail = LibPcap.LastError(handle);
        return detail.Length > 0 ? detail : LibPcap.StatusText(status);
    }

    private static void SetFilter(PcapHandle handle, string device, string filter)
    {
        LibPcap.BpfProgram program = default;
        if (LibPcap.pcap_compile(handle, &program, filter, optimize: 1, LibPcap.NetmaskUnknown) < 0)
            throw BadFilter(handle, device, filter);
        try
        {
            if (LibPcap.pcap_setfilter(handle, &program) < 0)
                throw BadFilter(handle, device, filter);
        }
        finally
        {
            // The kernel (or libpcap) keeps its own copy of the program.
            LibPcap.pcap_freecode(&program);
        }
    }

    private static LiveCaptureException BadFilter(PcapHandle handle, string device, string filter) =>
        new(device, LiveCaptureFailure.BadFilter,
            $"cannot capture on {device}: invalid filter \"{filter}\": {LibPcap.LastError(handle)}");
}
