namespace Fennec.Enrichment.Mmdb;

/// <summary>
/// Reads a MaxMind DB file (format 2.0): <see cref="Lookup"/> walks the search tree for an address and returns the
/// record's data offset without allocating; <see cref="TryFind"/> and the getters read single fields from that
/// offset; <see cref="Decode"/> materialises a whole record. Every malformation raises
/// <see cref="MmdbFormatException"/>, and every loop is bounded, so a corrupt file never hangs a lookup.
/// Safe to share between threads once opened.
/// </summary>
public sealed partial class MmdbReader : IDisposable
{
    // The metadata section, marker included, is at most 128 KiB.
    private const int MetadataSearchWindow = 128 * 1024;

    // Between the search tree and the data section.
    private const int DataSectionSeparator = 16;

    private static readonly byte[] MetadataMarker = [0xAB, 0xCD, 0xEF, .. "MaxMind.com"u8];

    private readonly MmdbMemory _memory;
    private readonly uint _nodeCount;
    private readonly int _recordSize;
    private readonly Section _data;
    private readonly uint _ipv4Start;
    private readonly int _ipv4StartDepth;

    private MmdbReader(MmdbMemory memory, string name)
    {
        _memory = memory;
        Name = name;
        try
        {
            var bytes = memory.Span;
            var window = Math.Min(bytes.Length, MetadataSearchWindow);
            var found = bytes[^window..].LastIndexOf(MetadataMarker);
            if (found < 0)
                throw new MmdbFormatException(name, bytes.Length - window, "no metadata marker (\\xAB\\xCD\\xEFMaxMind.com) in the last 128 KiB");
            var markerAt = bytes.Length - window + found;
            var metadataAt = markerAt + MetadataMarker.Length;
            var metadataSection = new Section(metadataAt, bytes.Length);
            Metadata = MmdbMetadata.FromMap(DecodeAt(bytes, metadataSection, metadataAt), name, metadataAt);

            _recordSize = Metadata.RecordSize;
            var treeSize = (long)Metadata.NodeCount * _recordSize / 4;
            if (treeSize + DataSectionSeparator > markerAt)
                throw new MmdbFormatException(name, markerAt, $"a search tree of {Metadata.NodeCount} nodes ({treeSize} bytes) does not fit before the metadata");
            _nodeCount = Metadata.NodeCount;
            _data = new Section((int)treeSize + DataSectionSeparator, markerAt);
            (_ipv4Start, _ipv4StartDepth) = FindIPv4Start(bytes);
        }
        catch
        {
            memory.Dispose();
            throw;
        }
    }

    /// <summary>The file path, or the name given to an in-memory database; used in error messages.</summary>
    public string Name { get; }

    /// <summary>The database's metadata.</summary>
    public MmdbMetadata Metadata { get; }

    /// <summary>The size of the data section in bytes: data offsets run from 0 to this.</summary>
    public int DataSectionSize => _data.End - _data.Start;

    /// <summary>Opens a database file: read into memory when small, memory-mapped otherwise.</summary>
    public static MmdbReader Open(string path) => new(MmdbMemory.Open(path), path);

    /// <summary>Reads a database held in memory (the array is not copied and must not change).</summary>
    public static MmdbReader FromBytes(byte[] bytes, string name = "<memory>") => new(MmdbMemory.FromArray(bytes), name);

    /// <inheritdoc />
    public void Dispose() => _memory.Dispose();

    private MmdbFormatException Corrupt(long offset, string reason) => new(Name, offset, reason);

    /// <summary>A region pointers are relative to (the data section, or the metadata) and bounded by.</summary>
    private readonly record struct Section(int Start, int End);
}
