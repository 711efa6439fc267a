using System.Buffers.Binary;
using System.IO.Compression;

namespace Fennec.Packets.Capture;

/// <summary>
/// Reads frames from a pcap or pcapng capture, plain or gzip-compressed (recognised by magic bytes), from a file
/// or any stream (standard input included). Large sequential reads, records parsed in place, no per-record
/// allocation. Not thread-safe: one reader per consumer.
/// </summary>
public abstract class CaptureReader : IDisposable
{
    private protected CaptureReader(SequentialBuffer buffer, string sourceName, bool compressed)
    {
        Buffer = buffer;
        SourceName = sourceName;
        Compressed = compressed;
    }

    /// <summary>The file name, or "-" for standard input.</summary>
    public string SourceName { get; }

    /// <summary>True when the capture was gzip-compressed.</summary>
    public bool Compressed { get; }

    /// <summary>The container format.</summary>
    public abstract CaptureFormat Format { get; }

    /// <summary>The interfaces seen so far (pcap has one; pcapng adds them as its blocks arrive).</summary>
    public abstract IReadOnlyList<CaptureInterface> Interfaces { get; }

    /// <summary>Frames delivered so far.</summary>
    public long Records { get; private protected set; }

    /// <summary>Blocks skipped because their type is unknown or carries no frame (pcapng only).</summary>
    public long SkippedBlocks { get; private protected set; }

    /// <summary>Records longer than the snapshot length the file header declares (read, and counted here).</summary>
    public long OversizedRecords { get; private protected set; }

    /// <summary>Bytes of the (decompressed) capture consumed so far.</summary>
    public long Position => Buffer.Position;

    private protected SequentialBuffer Buffer { get; }

    /// <summary>Opens a capture file, or standard input when <paramref name="path"/> is "-".</summary>
    /// <exception cref="CaptureFormatException">The data is not a capture this reader knows.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CaptureReader Open(string path)
    {
        if (path == "-")
            return Open(Console.OpenStandardInput(), "-");
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        return Open(stream, path);
    }

    /// <summary>Reads a capture from <paramref name="stream"/>, which the reader then owns.</summary>
    /// <param name="stream">The capture bytes.</param>
    /// <param name="sourceName">The name used in error messages.</param>
    public static CaptureReader Open(Stream stream, string sourceName)
    {
        var buffer = new SequentialBuffer(stream, sourceName);
        try
        {
            var compressed = false;
            if (buffer.Ensure(2) && buffer.Span[0] == 0x1F && buffer.Span[1] == 0x8B)
            {
                compressed = true;
                var inflated = new GZipStream(buffer.Detach(), CompressionMode.Decompress);
                buffer.Dispose();
                buffer = new SequentialBuffer(inflated, sourceName);
            }

            if (!buffer.Ensure(4))
            {
                throw new CaptureFormatException(sourceName, buffer.Position,
                    buffer.Available == 0 ? "the capture is empty" : "the capture ends inside its first header");
            }

            var magic = BinaryPrimitives.ReadUInt32LittleEndian(buffer.Span);
            if (magic == PcapngReader.SectionHeaderType)
                return new PcapngReader(buffer, sourceName, compressed);
            if (PcapReader.IsMagic(magic))
                return new PcapReader(buffer, sourceName, compressed);
            throw new CaptureFormatException(sourceName, 0,
                $"not a pcap or pcapng capture (first bytes {Convert.ToHexString(buffer.Span[..4])})");
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the next frame. False at the clean end of the capture.
    /// </summary>
    /// <exception cref="CaptureFormatException">The capture is damaged or cut short at <see cref="Position"/>.</exception>
    public bool TryRead(out CaptureRecord record) => TryReadCore(out record);

    private protected abstract bool TryReadCore(out CaptureRecord record);

    private protected CaptureFormatException Fail(string problem) => new(SourceName, Buffer.Position, problem);

    /// <summary>Reads <paramref name="count"/> bytes for a record, or says how much was left.</summary>
    private protected void Require(int count, string what)
    {
        if (!Buffer.Ensure(count))
            throw CutShort(count, what);
    }

    /// <summary>
    /// The error for a record of <paramref name="count"/> bytes that the capture cannot supply. Callers on the
    /// per-record path build <paramref name="what"/> only once reading has failed, so a good record costs no string.
    /// </summary>
    private protected CaptureFormatException CutShort(int count, string what) =>
        count > SequentialBuffer.MaxRecordBytes
            ? Fail($"{what} claims {count} bytes, more than the {SequentialBuffer.MaxRecordBytes} a record may hold")
            : Fail($"the capture is cut short: {what} needs {count} bytes, only {Buffer.Available} remain");

    /// <inheritdoc />
    public void Dispose()
    {
        Buffer.Dispose();
        GC.SuppressFinalize(this);
    }
}
