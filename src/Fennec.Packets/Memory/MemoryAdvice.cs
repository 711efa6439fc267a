using System.Runtime.InteropServices;

namespace Fennec.Packets.Memory;

/// <summary>
/// Hints to the Linux kernel about ranges of this process's memory (madvise). Elsewhere, and where the kernel does not
/// know a hint, nothing happens and the memory works the same, only with the kernel's default handling.
/// </summary>
internal static partial class MemoryAdvice
{
    private const int HugePage = 14;
    private const int PopulateWrite = 23;

    /// <summary>Asks for transparent huge pages behind a range (aligned to 2 MiB to get them).</summary>
    public static void PreferHugePages(nint address, long bytes) => Advise(address, bytes, HugePage);

    /// <summary>
    /// Has the kernel back every page a range touches now, writable, in one call (Linux 5.14 and later), as the first
    /// write to each would; the contents stay as they are, so the range need not start on a page.
    /// </summary>
    public static void Populate(nint address, long bytes)
    {
        var first = address & ~(nint)(Environment.SystemPageSize - 1);
        Advise(first, bytes + (address - first), PopulateWrite);
    }

    /// <summary>Gives the hint; a kernel that refuses it, or a system without it, leaves the memory as it was.</summary>
    private static void Advise(nint address, long bytes, int advice)
    {
        if (!OperatingSystem.IsLinux() || bytes <= 0)
            return;
        try
        {
            _ = Madvise(address, (nuint)bytes, advice);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
