using System.Runtime.InteropServices;

namespace Fennec.Packets.Live;

/// <summary>
/// An eventfd that another thread signals to end a wait in <c>poll</c> early. A safe handle so that a signal racing
/// with disposal never writes to a descriptor number the system has since handed to someone else.
/// </summary>
internal sealed unsafe class WakeEvent : SafeHandle
{
    private WakeEvent(int fd)
        : base(-1, ownsHandle: true) => SetHandle(fd);

    /// <inheritdoc />
    public override bool IsInvalid => handle < 0;

    /// <summary>The descriptor to poll for reading.</summary>
    public int Fd => (int)handle;

    /// <summary>Creates the event, unsignalled.</summary>
    /// <exception cref="InvalidOperationException">The system refused (out of descriptors).</exception>
    public static WakeEvent Create()
    {
        var fd = LibC.eventfd(0, LibC.EventFdFlags);
        if (fd < 0)
            throw new InvalidOperationException($"eventfd failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        return new WakeEvent(fd);
    }

    /// <summary>Signals the event; does nothing once it is disposed.</summary>
    public void Signal()
    {
        var added = false;
        try
        {
            DangerousAddRef(ref added);
            ulong one = 1;
            LibC.write(Fd, &one, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
            // Closed meanwhile: nobody is left waiting.
        }
        finally
        {
            if (added)
                DangerousRelease();
        }
    }

    /// <summary>Clears the event (it is non-blocking, so this never waits).</summary>
    public void Reset()
    {
        ulong value;
        LibC.read(Fd, &value, sizeof(ulong));
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle() => LibC.close(Fd) == 0;
}
