using System.Runtime.InteropServices;

namespace Fennec.Packets.Live;

/// <summary>The C library calls live capture needs to wait for packets with a timeout and to be woken early.</summary>
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    /// <summary>POLLIN: data to read.</summary>
    public const short PollIn = 0x001;

    /// <summary>EINTR: a signal interrupted the call.</summary>
    public const int Interrupted = 4;

    /// <summary>EFD_CLOEXEC | EFD_NONBLOCK (Linux).</summary>
    public const int EventFdFlags = 0x80000 | 0x800;

    /// <summary><c>struct pollfd</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [LibraryImport(Library, SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int eventfd(uint initialValue, int flags);

    [LibraryImport(Library)]
    public static partial nint read(int fd, void* buffer, nuint count);

    [LibraryImport(Library)]
    public static partial nint write(int fd, void* buffer, nuint count);

    [LibraryImport(Library)]
    public static partial int close(int fd);
}
