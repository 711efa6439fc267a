using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Fennec.Packets.Memory;

/// <summary>
/// An array of unmanaged values in a <see cref="NativeBuffer"/>, for tables that grow while a run goes on: past 1 MiB
/// it is whole huge pages, so growing it is one page fault per 2 MiB rather than one per 4 KiB, and the collector
/// never copies it. New elements are zero, as in <see cref="Array.Resize{T}"/>. Indexing is bounds-checked. Not
/// thread-safe; freed by <see cref="Dispose"/> or when dropped.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed unsafe class NativeArray<T> : IDisposable
    where T : unmanaged
{
    private NativeBuffer _buffer;
    private T* _items;

    /// <summary>Creates an array of <paramref name="length"/> zeroed elements.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public NativeArray(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _buffer = Allocate(length);
        _items = (T*)_buffer.Address;
        Length = length;
        AsSpan().Clear();
    }

    /// <summary>Elements held.</summary>
    public int Length { get; private set; }

    /// <summary>Bytes of memory held (at least <see cref="Length"/> elements' worth).</summary>
    public long Bytes => _buffer.Bytes;

    /// <summary>The element at <paramref name="index"/>.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is outside the array.</exception>
    public ref T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)index >= (uint)Length)
                OutOfRange(index);
            return ref _items[index];
        }
    }

    /// <summary>All the elements.</summary>
    public Span<T> AsSpan() => new(_items, Length);

    /// <summary><paramref name="length"/> elements from <paramref name="start"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the array.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> AsSpan(int start, int length)
    {
        if ((uint)start > (uint)Length || (uint)length > (uint)(Length - start))
            OutOfRange(start, length);
        return new(_items + start, length);
    }

    /// <summary>
    /// Changes the length, keeping the elements both lengths have and zeroing the new ones. Memory is moved only when
    /// the buffer held is too small (a buffer of whole huge pages has room past its length) or a smaller one would do.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public void Resize(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var bytes = BytesFor(length);
        if (bytes > _buffer.Bytes || NativeBuffer.SizeFor(bytes) < _buffer.Bytes)
        {
            var buffer = Allocate(length);
            var kept = Math.Min(length, Length);
            new Span<T>(_items, kept).CopyTo(new Span<T>((T*)buffer.Address, kept));
            _buffer.Dispose();
            _buffer = buffer;
            _items = (T*)buffer.Address;
        }

        if (length > Length)
            new Span<T>(_items + Length, length - Length).Clear();
        Length = length;
    }

    /// <summary>Frees the memory: the array must not be used after.</summary>
    public void Dispose()
    {
        _buffer.Dispose();
        _items = null;
        Length = 0;
    }

    // The throws are kept out of the accessors so that those stay small enough to inline.
    [DoesNotReturn]
    private void OutOfRange(int index) => throw new IndexOutOfRangeException($"index {index} is outside an array of {Length}");

    [DoesNotReturn]
    private void OutOfRange(int start, int length) =>
        throw new ArgumentOutOfRangeException(nameof(length), $"{length} elements from {start} are outside an array of {Length}");

    private static long BytesFor(int length) => Math.Max(1, (long)length * sizeof(T));

    private static NativeBuffer Allocate(int length) => new(BytesFor(length));
}
