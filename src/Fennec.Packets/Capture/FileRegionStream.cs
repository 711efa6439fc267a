using Microsoft.Win32.SafeHandles;

namespace Fennec.Packets.Capture;

/// <summary>
/// Reads a file from a given offset to its end with positional reads, so several threads can read parts of one open
/// file at once, each through its own stream.
/// </summary>
internal sealed class FileRegionStream : Stream
{
    private readonly SafeFileHandle _file;
    private long _position;

    public FileRegionStream(SafeFileHandle file, long start)
    {
        _file = file;
        _position = start;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = RandomAccess.Read(_file, buffer, _position);
        _position += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
