using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fennec.Packets.Memory;

/// <summary>
/// Has the kernel back a new array's pages in one call instead of one page fault at a time as the array is first
/// written. On the virtual machines this project runs on a page fault costs about 12 µs: a 1 MiB array written page
/// by page took 2.6 ms, against 0.13 ms to populate it and 0.4 ms to write it then. For arrays the garbage collector
/// takes straight from the system (85,000 bytes and up) that a run is about to fill; on an array whose pages are
/// already backed it costs one quick call. A kernel without the advice leaves the pages to fault in as before.
/// </summary>
public static unsafe class Prefault
{
    /// <summary>Backs the pages under <paramref name="array"/>'s elements.</summary>
    public static void Pages<T>(T[] array)
    {
        if (array.Length == 0)
            return;
        // The address is only a hint's target: if the collector moved the array meanwhile, the pages populated belong
        // to other objects and keep their contents, as populating never changes them.
        MemoryAdvice.Populate((nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array)), (long)array.Length * Unsafe.SizeOf<T>());
    }
}
