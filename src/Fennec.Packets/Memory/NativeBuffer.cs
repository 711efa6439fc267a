using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fennec.Packets.Memory;

/// <summary>
/// A block of native memory for arrays that grow while a run goes on. Memory the garbage collector hands out is
/// touched for the first time page by page, and on the virtual machines this project runs on each such page fault
/// costs about 12 µs (see <see cref="HugePageBlocks"/>); a growing array is also copied again by every compacting
/// collection. A buffer of 1 MiB or more is instead rounded up to whole 2 MiB huge pages, aligned, and the kernel is
/// asked to back it with transparent huge pages: first touching it costs one fault per 2 MiB. Smaller ones come
/// from the C allocator, which reuses what was freed; from 64 KiB up their pages are backed in one call when allocated
/// (<see cref="MemoryAdvice.Populate"/>). The bytes are not cleared. Freed by <see cref="Dispose"/>, or
/// by the finalizer when the owner is dropped without it; not thread-safe.
/// </summary>
public sealed unsafe class NativeBuffer : IDisposable
{
    /// <summary>Buffers from this size up are whole huge pages.</summary>
    public const long HugePageThreshold = 1 << 20;

    private void* _memory;

    /// <summary>Allocates at least <paramref name="bytes"/> bytes (see <see cref="Bytes"/> for what was given).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytes"/> is not positive.</exception>
    /// <exception cref="OutOfMemoryException">The system has no memory to give.</exception>
    public NativeBuffer(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        if (bytes >= HugePageThreshold)
        {
            Bytes = RoundUpToHugePages(bytes);
            _memory = NativeMemory.AlignedAlloc((nuint)Bytes, HugePageBlocks.ChunkBytes);
            MemoryAdvice.PreferHugePages((nint)_memory, Bytes); // a refusal leaves plain pages, which work the same
        }
        else
        {
            Bytes = bytes;
            _memory = NativeMemory.Alloc((nuint)bytes);
            // The C allocator maps buffers this large afresh: their pages are backed in one call rather than faulted
            // in one by one as the owner fills them (a growing array copies and zeroes all of it at once).
            if (bytes >= PopulateThreshold)
                MemoryAdvice.Populate((nint)_memory, Bytes);
        }
    }

    /// <summary>Plain buffers from this size up have their pages backed when allocated.</summary>
    private const long PopulateThreshold = 64 << 10;

    /// <summary>Bytes held: the size asked for, or that rounded up to whole huge pages.</summary>
    public long Bytes { get; }

    /// <summary>Where the memory starts, for pools that carve it up themselves.</summary>
    internal nint Address
    {
        get
        {
            ObjectDisposedException.ThrowIf(_memory is null, this);
            return (nint)_memory;
        }
    }

    /// <summary>The bytes a buffer asked for <paramref name="bytes"/> will hold.</summary>
    public static long SizeFor(long bytes) => bytes >= HugePageThreshold ? RoundUpToHugePages(bytes) : bytes;

    /// <summary>
    /// <paramref name="count"/> values of <typeparamref name="T"/> from <paramref name="byteOffset"/>, which must keep
    /// them inside the buffer and aligned for <typeparamref name="T"/>.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The buffer was freed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the buffer.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Slice<T>(long byteOffset, int count)
        where T : unmanaged
    {
        // The checks inline; building the exceptions does not (a busy stream's insert log takes its columns here for
        // every packet).
        if (_memory is null || byteOffset < 0 || count < 0 || byteOffset + ((long)count * sizeof(T)) > Bytes)
            ThrowOutside(byteOffset, count);
        return new Span<T>((byte*)_memory + byteOffset, count);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowOutside(long byteOffset, int count)
    {
        ObjectDisposedException.ThrowIf(_memory is null, this);
        throw new ArgumentOutOfRangeException(nameof(count), $"{count} values from byte {byteOffset} do not fit in {Bytes} bytes");
    }

    /// <summary>Frees the memory; spans taken from the buffer must not be used after.</summary>
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the memory of a buffer dropped without <see cref="Dispose"/>.</summary>
    ~NativeBuffer() => Free();

    private void Free()
    {
        if (_memory is null)
            return;
        if (Bytes >= HugePageThreshold)
            NativeMemory.AlignedFree(_memory);
        else
            NativeMemory.Free(_memory);
        _memory = null;
    }

    private static long RoundUpToHugePages(long bytes) => (bytes + HugePageBlocks.ChunkBytes - 1) / HugePageBlocks.ChunkBytes * HugePageBlocks.ChunkBytes;
}
