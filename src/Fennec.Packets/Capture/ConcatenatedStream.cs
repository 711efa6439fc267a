namespace Fennec.Packets.Capture;

/// <summary>A read-only stream that yields a byte array and then the rest of another stream.</summary>
internal sealed class ConcatenatedStream(byte[] head, Stream tail) : Stream
{
    private int _headPosition;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_headPosition < head.Length)
        {
            var n = Math.Min(buffer.Length, head.Length - _headPosition);
            head.AsSpan(_headPosition, n).CopyTo(buffer);
            _headPosition += n;
            return n;
        }

        return tail.Read(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            tail.Dispose();
        base.Dispose(disposing);
    }
}
