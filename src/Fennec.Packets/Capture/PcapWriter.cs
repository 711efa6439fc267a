using System.Buffers.Binary;

namespace Fennec.Packets.Capture;

/// <summary>
/// Writes a classic pcap file (little-endian, microsecond or nanosecond timestamps, one link type) through one large
/// buffer, so the stream sees few big sequential writes and a frame costs no allocation. Not thread-safe.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    private const uint MagicMicro = 0xA1B2C3D4, MagicNano = 0xA1B23C4D;
    private const int FileHeaderLength = 24, RecordHeaderLength = 16;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _buffer;
    private readonly int _snapLength;
    private readonly bool _nanoseconds;
    private int _length;
    private bool _disposed;

    /// <summary>Writes the file header to <paramref name="stream"/>; frames follow with <see cref="Write"/>.</summary>
    /// <param name="stream">Where the capture goes.</param>
    /// <param name="linkType">The link type of every frame.</param>
    /// <param name="snapLength">Frames longer than this are cut to it (their wire length is kept); 0 keeps whole frames.</param>
    /// <param name="nanoseconds">Nanosecond timestamps (magic a1b23c4d) instead of microseconds.</param>
    /// <param name="leaveOpen">Leave <paramref name="stream"/> open on dispose.</param>
    /// <param name="bufferSize">Bytes gathered before each write to the stream.</param>
    public PcapWriter(Stream stream, LinkType linkType = LinkType.Ethernet, int snapLength = 0, bool nanoseconds = false,
        bool leaveOpen = false, int bufferSize = 1 << 20)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(snapLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 4096);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _snapLength = snapLength;
        _nanoseconds = nanoseconds;
        _buffer = new byte[bufferSize];

        var header = _buffer.AsSpan(0, FileHeaderLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header, nanoseconds ? MagicNano : MagicMicro);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        header[8..16].Clear(); // time zone and accuracy, unused by every reader
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], snapLength == 0 ? PcapReader.MaxCaptureLength : (uint)snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)linkType);
        _length = FileHeaderLength;
        BytesWritten = FileHeaderLength;
    }

    /// <summary>Frames written so far.</summary>
    public long Packets { get; private set; }

    /// <summary>Bytes of the file so far (header, record headers and captured bytes), flushed or not.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>True when timestamps keep nanoseconds; false when they are cut to microseconds.</summary>
    public bool Nanoseconds => _nanoseconds;

    /// <summary>The snapshot length frames are cut to, or 0 for whole frames.</summary>
    public int SnapLength => _snapLength;

    /// <summary>Appends one frame.</summary>
    /// <param name="timestampNs">Capture time in nanoseconds since the Unix epoch (0 to the year 2106).</param>
    /// <param name="frame">The frame's bytes; cut to the snapshot length when one is set.</param>
    /// <param name="wireLength">The frame's length on the wire; at least the captured length (0: the frame's length).</param>
    public void Write(long timestampNs, ReadOnlySpan<byte> frame, int wireLength = 0)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((ulong)(timestampNs / 1_000_000_000) > uint.MaxValue || timestampNs < 0)
            throw new ArgumentOutOfRangeException(nameof(timestampNs), timestampNs, "pcap timestamps lie between 1970 and 2106");
        if (wireLength < frame.Length)
            wireLength = frame.Length;
        if (_snapLength != 0 && frame.Length > _snapLength)
            frame = frame[.._snapLength];

        var recordLength = RecordHeaderLength + frame.Length;
        if (_buffer.Length - _length < recordLength)
            FlushBuffer();
        var seconds = (uint)(timestampNs / 1_000_000_000);
        var fraction = (uint)(timestampNs % 1_000_000_000);
        if (!_nanoseconds)
            fraction /= 1000;

        if (recordLength > _buffer.Length)
        {
            Span<byte> header = stackalloc byte[RecordHeaderLength];
            WriteRecordHeader(header, seconds, fraction, frame.Length, wireLength);
            _stream.Write(header);
            _stream.Write(frame);
        }
        else
        {
            var record = _buffer.AsSpan(_length, recordLength);
            WriteRecordHeader(record, seconds, fraction, frame.Length, wireLength);
            frame.CopyTo(record[RecordHeaderLength..]);
            _length += recordLength;
        }

        Packets++;
        BytesWritten += recordLength;
    }

    /// <summary>Writes what is buffered and flushes the stream.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        FlushBuffer();
        _stream.Flush();
    }

    /// <summary>Flushes and, unless asked to leave it open, closes the stream.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        try
        {
            FlushBuffer();
            _stream.Flush();
        }
        finally
        {
            _disposed = true;
            if (!_leaveOpen)
                _stream.Dispose();
        }
    }

    private static void WriteRecordHeader(Span<byte> header, uint seconds, uint fraction, int captured, int wire)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(header, seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], fraction);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)captured);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)wire);
    }

    private void FlushBuffer()
    {
        if (_length == 0)
            return;
        _stream.Write(_buffer, 0, _length);
        _length = 0;
    }
}
