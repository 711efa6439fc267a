using System.IO.MemoryMappedFiles;

namespace Fennec.Enrichment.Mmdb;

/// <summary>
/// The bytes of a database: a byte array for small files and in-memory databases, a read-only memory mapping for
/// the rest, so opening a large database costs no copy and its pages are shared with other processes.
/// </summary>
internal sealed unsafe class MmdbMemory : IDisposable
{
    // Below this, reading the file is as cheap as mapping it and leaves nothing to unmap.
    private const long ReadFullyBelow = 1 << 20;

    private readonly byte[]? _array;
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private byte* _pointer;

    private MmdbMemory(byte[] array)
    {
        _array = array;
        Length = array.Length;
    }

    private MmdbMemory(MemoryMappedFile file, MemoryMappedViewAccessor view, int length)
    {
        _file = file;
        _view = view;
        Length = length;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref _pointer);
        _pointer += view.PointerOffset;
    }

    /// <summary>The number of bytes.</summary>
    public int Length { get; }

    /// <summary>The whole database.</summary>
    public ReadOnlySpan<byte> Span => _array is not null ? _array : new ReadOnlySpan<byte>(_pointer, Length);

    /// <summary>Wraps bytes already in memory (not copied).</summary>
    public static MmdbMemory FromArray(byte[] bytes) => new(bytes);

    /// <summary>Reads or maps <paramref name="path"/>.</summary>
    public static MmdbMemory Open(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > int.MaxValue)
            throw new MmdbFormatException(path, 0, $"the file is {length} bytes; databases over 2 GiB are not supported");
        if (length < ReadFullyBelow)
            return new MmdbMemory(File.ReadAllBytes(path));

        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        try
        {
            var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            return new MmdbMemory(file, view, (int)length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_view is not null && _pointer != null)
        {
            _pointer = null;
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
        }

        _view?.Dispose();
        _file?.Dispose();
    }
}
