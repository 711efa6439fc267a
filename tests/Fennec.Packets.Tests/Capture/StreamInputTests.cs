using System.Buffers.Binary;
using System.IO.Compression;
using Fennec.Packets.Capture;
using Fennec.TestSupport;
using static Fennec.Packets.Tests.Capture.CaptureTestHelpers;

namespace Fennec.Packets.Tests.Capture;

public class StreamInputTests
{
    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(data);
        return output.ToArray();
    }

    private static readonly TestFrame[] Some = Enumerable.Range(0, 50)
        .Select(i => new TestFrame(Enumerable.Repeat((byte)i, 40 + i).ToArray(), 1_000_000_000L * i)).ToArray();

    [Fact]
    public void Gzip_is_recognised_by_magic_for_pcap_and_pcapng()
    {
        var pcap = CaptureFiles.Pcap(1, Some);
        var pcapng = CaptureFiles.Pcapng([(1, null, null)], Some);
        ReadAll(Gzip(pcap), "no-extension").Should().BeEquivalentTo(ReadAll(pcap), o => o.Excluding(f => f.Offset));
        ReadAll(Gzip(pcapng), "capture.bin").Select(f => f.TimestampNs).Should().Equal(Some.Select(f => f.TimestampNs));
        using var reader = CaptureReader.Open(new MemoryStream(Gzip(pcap)), "x");
        reader.Compressed.Should().BeTrue();
        reader.Format.Should().Be(CaptureFormat.Pcap);
    }

    [Fact]
    public void Damaged_gzip_is_a_capture_error()
    {
        var compressed = Gzip(CaptureFiles.Pcap(1, Some));
        var cut = compressed[..(compressed.Length / 2)];
        var act = () => ReadAll(cut, "cut.pcap.gz");
        act.Should().Throw<CaptureFormatException>().Where(e => e.SourceName == "cut.pcap.gz");

        var corrupt = (byte[])compressed.Clone();
        for (var i = 20; i < corrupt.Length - 8; i += 7)
            corrupt[i] ^= 0x5A;
        var act2 = () => ReadAll(corrupt, "corrupt.pcap.gz");
        act2.Should().Throw<CaptureFormatException>();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public void Pipes_that_return_short_reads_give_the_same_frames(int chunk)
    {
        var pcapng = CaptureFiles.Pcapng([(1, null, null)], Some);
        ReadAll(new TrickleStream(pcapng, chunk), "-").Select(f => f.Data.Length).Should().Equal(Some.Select(f => f.Data.Length));
        ReadAll(new TrickleStream(Gzip(pcapng), chunk), "-").Should().HaveCount(Some.Length);
    }

    [Fact]
    public void Frames_larger_than_the_read_buffer_are_read_whole()
    {
        var big = new TestFrame(Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray(), 5);
        var frames = ReadAll(CaptureFiles.Pcap(1, [big, big]));
        frames.Should().HaveCount(2);
        frames[1].Data.Should().Equal(big.Data);
    }

    [Fact]
    public void Offsets_past_four_gibibytes_are_tracked()
    {
        // 65,536 records of 65,535 bytes: about 4.3 GB generated on the fly, never held in memory.
        const int count = 65_600;
        using var reader = CaptureReader.Open(new SyntheticPcapStream(count, 65_535), "huge.pcap");
        long frames = 0, last = 0;
        long lastOffset = 0;
        while (reader.TryRead(out var record))
        {
            frames++;
            last = record.TimestampNs;
            lastOffset = record.Offset;
        }

        frames.Should().Be(count);
        last.Should().Be((count - 1) * 1_000_000L);
        lastOffset.Should().Be(24 + ((count - 1) * (16L + 65_535)));
        reader.Position.Should().BeGreaterThan(uint.MaxValue);
    }

    /// <summary>A pcap of identical records produced while it is read.</summary>
    private sealed class SyntheticPcapStream(int records, int recordLength) : Stream
    {
        private readonly long _length = 24 + ((16L + recordLength) * records);
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _length - _position);
            Span<byte> head = stackalloc byte[16];
            for (var i = 0; i < n;)
            {
                var at = _position + i;
                if (at < 24)
                {
                    buffer[offset + i] = Header[(int)at];
                    i++;
                    continue;
                }

                var within = (at - 24) % (16 + recordLength);
                var index = (at - 24) / (16 + recordLength);
                if (within < 16)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(head, (uint)(index / 1000));
                    BinaryPrimitives.WriteUInt32LittleEndian(head[4..], (uint)(index % 1000 * 1000));
                    BinaryPrimitives.WriteUInt32LittleEndian(head[8..], (uint)recordLength);
                    BinaryPrimitives.WriteUInt32LittleEndian(head[12..], (uint)recordLength);
                    buffer[offset + i] = head[(int)within];
                    i++;
                }
                else
                {
                    var run = (int)Math.Min(n - i, 16 + recordLength - within);
                    Array.Clear(buffer, offset + i, run);
                    i += run;
                }
            }

            _position += n;
            return n;
        }

        private static readonly byte[] Header = CaptureFiles.Pcap(1, []);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
