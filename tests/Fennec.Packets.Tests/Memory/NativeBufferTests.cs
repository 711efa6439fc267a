using Fennec.Packets.Memory;

namespace Fennec.Packets.Tests.Memory;

public sealed class NativeBufferTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(100_000, 100_000)]
    [InlineData(NativeBuffer.HugePageThreshold - 1, NativeBuffer.HugePageThreshold - 1)]
    [InlineData(NativeBuffer.HugePageThreshold, HugePageBlocks.ChunkBytes)]
    [InlineData(HugePageBlocks.ChunkBytes, HugePageBlocks.ChunkBytes)]
    [InlineData(HugePageBlocks.ChunkBytes + 1, 2L * HugePageBlocks.ChunkBytes)]
    public void Small_buffers_are_the_size_asked_and_large_ones_whole_huge_pages(long asked, long expected)
    {
        NativeBuffer.SizeFor(asked).Should().Be(expected);
        using var buffer = new NativeBuffer(asked);
        buffer.Bytes.Should().Be(expected);
    }

    [Fact]
    public void Typed_slices_of_one_buffer_hold_what_was_written_to_them_without_overlapping()
    {
        using var buffer = new NativeBuffer(3 << 20);
        var count = (int)(buffer.Bytes / 2 / sizeof(long));
        var first = buffer.Slice<long>(0, count);
        var second = buffer.Slice<double>(count * sizeof(long), count);
        for (var i = 0; i < count; i++)
        {
            first[i] = i;
            second[i] = -i - 0.5;
        }

        for (var i = 0; i < count; i += 997)
        {
            buffer.Slice<long>(0, count)[i].Should().Be(i);
            buffer.Slice<double>(count * sizeof(long), count)[i].Should().Be(-i - 0.5);
        }
    }

    [Theory]
    [InlineData(-8, 1)]
    [InlineData(0, -1)]
    [InlineData(0, 129)]
    [InlineData(1000, 4)]
    public void A_slice_outside_the_buffer_is_refused_with_the_range(long byteOffset, int count)
    {
        using var buffer = new NativeBuffer(1024);
        var slice = () => buffer.Slice<long>(byteOffset, count).Length;
        slice.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*1024 bytes*");
    }

    [Fact]
    public void A_freed_buffer_refuses_slices_and_frees_once()
    {
        var buffer = new NativeBuffer(4096);
        buffer.Dispose();
        buffer.Dispose();
        var slice = () => buffer.Slice<byte>(0, 1).Length;
        slice.Should().Throw<ObjectDisposedException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void An_empty_or_negative_size_is_refused(long bytes)
    {
        var create = () => new NativeBuffer(bytes);
        create.Should().Throw<ArgumentOutOfRangeException>();
    }
}
