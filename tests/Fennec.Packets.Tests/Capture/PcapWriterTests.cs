using System.Buffers.Binary;
using Fennec.Packets.Capture;
using Fennec.TestSupport;
using static Fennec.Packets.Tests.Capture.CaptureTestHelpers;

namespace Fennec.Packets.Tests.Capture;

public class PcapWriterTests
{
    private static readonly TestFrame[] Frames3 =
    [
        new(Enumerable.Range(0, 60).Select(i => (byte)i).ToArray(), 1_600_000_000_123_456_789),
        new(Enumerable.Range(0, 1514).Select(i => (byte)(i * 7)).ToArray(), 1_600_000_001_000_001_000, WireLength: 1514),
        new([0xAB], 1_600_000_002_999_999_999),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Frames_read_back_with_their_bytes_and_timestamps(bool nanoseconds)
    {
        var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, nanoseconds: nanoseconds, leaveOpen: true))
        {
            foreach (var frame in Frames3)
                writer.Write(frame.TimestampNs, frame.Data);
            writer.Packets.Should().Be(3);
            writer.BytesWritten.Should().Be(24 + (3 * 16) + 60 + 1514 + 1);
        }

        var bytes = stream.ToArray();
        bytes.Length.Should().Be(24 + (3 * 16) + 60 + 1514 + 1);
        BinaryPrimitives.ReadUInt32LittleEndian(bytes).Should().Be(nanoseconds ? 0xA1B23C4Du : 0xA1B2C3D4u);
        var frames = ReadAll(bytes);
        frames.Select(f => f.Data).Should().BeEquivalentTo(Frames3.Select(f => f.Data), o => o.WithStrictOrdering());
        var divisor = nanoseconds ? 1 : 1000;
        frames.Select(f => f.TimestampNs).Should().Equal(Frames3.Select(f => f.TimestampNs / divisor * divisor));
        frames.Should().OnlyContain(f => f.LinkType == LinkType.Ethernet && f.WireLength == f.Data.Length);
    }

    [Fact]
    public void The_snapshot_length_cuts_frames_and_keeps_their_wire_length()
    {
        var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, LinkType.Raw, snapLength: 64, leaveOpen: true))
        {
            writer.Write(1_000_000_000, new byte[1000]);
            writer.Write(2_000_000_000, new byte[40], wireLength: 1400);
        }

        var bytes = stream.ToArray();
        BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16)).Should().Be(64);
        BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(20)).Should().Be((uint)LinkType.Raw);
        var frames = ReadAll(bytes);
        frames.Select(f => f.Data.Length).Should().Equal(64, 40);
        frames.Select(f => f.WireLength).Should().Equal(1000, 1400);
    }

    [Fact]
    public void Records_larger_than_the_buffer_and_many_small_ones_keep_their_order()
    {
        var stream = new MemoryStream();
        var big = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();
        using (var writer = new PcapWriter(stream, bufferSize: 4096, leaveOpen: true))
        {
            for (var i = 0; i < 300; i++)
                writer.Write(i * 1000L, i % 100 == 50 ? big : new byte[i % 70]);
        }

        var frames = ReadAll(stream.ToArray());
        frames.Should().HaveCount(300);
        frames.Select(f => f.TimestampNs).Should().Equal(Enumerable.Range(0, 300).Select(i => i * 1000L));
        frames[150].Data.Should().Equal(big);
        frames[151].Data.Length.Should().Be(151 % 70);
    }

    [Fact]
    public void Timestamps_outside_the_format_and_use_after_dispose_are_refused()
    {
        var writer = new PcapWriter(new MemoryStream());
        var before = () => writer.Write(-1, new byte[20]);
        before.Should().Throw<ArgumentOutOfRangeException>();
        var after2106 = () => writer.Write((1L << 32) * 1_000_000_000, new byte[20]);
        after2106.Should().Throw<ArgumentOutOfRangeException>();
        writer.Dispose();
        var disposed = () => writer.Write(0, new byte[20]);
        disposed.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Writing_costs_no_allocation_per_frame()
    {
        using var writer = new PcapWriter(Stream.Null);
        var frame = new byte[1514];
        writer.Write(0, frame);
        var allocated = Allocations.Measure(() =>
        {
            for (var i = 0; i < 10_000; i++)
                writer.Write(i * 1000L, frame);
        });
        allocated.Should().Be(0);
    }
}
