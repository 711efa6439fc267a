using Fennec.Packets.Capture;

namespace Fennec.Packets.Tests.Capture;

/// <summary>A copy of a frame as a reader delivered it.</summary>
internal sealed record ReadFrame(byte[] Data, long TimestampNs, int WireLength, int InterfaceId, LinkType LinkType, long Offset);

internal static class CaptureTestHelpers
{
    public static List<ReadFrame> ReadAll(byte[] capture, string name = "test.pcap") => ReadAll(new MemoryStream(capture), name);

    public static List<ReadFrame> ReadAll(Stream stream, string name = "test.pcap")
    {
        using var reader = CaptureReader.Open(stream, name);
        var frames = new List<ReadFrame>();
        while (reader.TryRead(out var r))
            frames.Add(new ReadFrame(r.Data.ToArray(), r.TimestampNs, r.WireLength, r.InterfaceId, r.LinkType, r.Offset));
        return frames;
    }

    /// <summary>A stream that hands out at most a few bytes per read, like a pipe.</summary>
    public sealed class TrickleStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
