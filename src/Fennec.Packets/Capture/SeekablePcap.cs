using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Fennec.Packets.Capture;

/// <summary>
/// A classic pcap file opened for reading from any record on, by several threads at once (positional reads on one
/// handle). A reader can start at a known record offset, or near any offset, at the first place where the bytes look
/// like a run of record headers; a caller of the latter must confirm the place, since a payload can imitate headers.
/// </summary>
public sealed class SeekablePcap : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly byte[] _header;

    private SeekablePcap(SafeFileHandle file, string path, byte[] header, long length)
    {
        _file = file;
        Path = path;
        _header = header;
        Length = length;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The file's length in bytes.</summary>
    public long Length { get; }

    /// <summary>Where the first record starts: just after the file header.</summary>
    public static long FirstRecordOffset => PcapReader.FileHeaderLength;

    /// <summary>
    /// Opens <paramref name="path"/> when it is a regular, uncompressed classic pcap file with a good header; null
    /// otherwise (pcapng, gzip, standard input, a short or damaged header, a file that cannot be opened), which is
    /// left to the sequential reader to read or report.
    /// </summary>
    public static SeekablePcap? TryOpen(string path)
    {
        SafeFileHandle? file = null;
        try
        {
            file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var length = RandomAccess.GetLength(file);
            var header = new byte[PcapReader.FileHeaderLength];
            if (RandomAccess.Read(file, header, 0) != header.Length || !PcapReader.IsMagic(BinaryPrimitives.ReadUInt32LittleEndian(header)))
            {
                file.Dispose();
                return null;
            }

            var pcap = new SeekablePcap(file, path, header, length);
            using var probe = pcap.OpenAt(FirstRecordOffset); // checks the header: version, byte order
            return pcap;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CaptureFormatException)
        {
            file?.Dispose();
            return null;
        }
    }

    /// <summary>The read buffer of a reader that reads a few records (it still grows for a larger record).</summary>
    public const int SmallBufferBytes = 64 << 10;

    /// <summary>
    /// Opens a reader of the records from <paramref name="offset"/>, a record start, to the end of the file, reading
    /// ahead <paramref name="bufferBytes"/> at a time (0: the default, for reading on).
    /// </summary>
    public CaptureReader OpenAt(long offset, int bufferBytes = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(offset, FirstRecordOffset);
        var stream = new FileRegionStream(_file, offset);
        var buffer = bufferBytes > 0
            ? new SequentialBuffer(stream, Path, bufferBytes, startOffset: offset)
            : new SequentialBuffer(stream, Path, startOffset: offset);
        try
        {
            return new PcapReader(buffer, Path, compressed: false, _header);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a reader at the first offset from <paramref name="offset"/> on where a run of plausible record headers
    /// begins, to the end of the file, and says where in <paramref name="start"/>; null when none is found close by.
    /// </summary>
    public CaptureReader? OpenNear(long offset, out long start, int bufferBytes = 0)
    {
        var reader = (PcapReader)OpenAt(Math.Max(offset, FirstRecordOffset), bufferBytes);
        if (!reader.SkipToPlausibleRecord())
        {
            reader.Dispose();
            start = -1;
            return null;
        }

        start = reader.Position;
        return reader;
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
