using Fennec.Packets.Memory;

namespace Fennec.Packets.Tests.Memory;

public sealed class HugePageBlocksTests
{
    [Fact]
    public void Blocks_are_distinct_writable_carved_from_chunks_and_reused()
    {
        using var pool = new HugePageBlocks(64 << 10);
        var perChunk = HugePageBlocks.ChunkBytes / pool.BlockBytes;
        var blocks = Enumerable.Range(0, perChunk + 1).Select(_ => pool.Take()).ToList();

        blocks.Distinct().Should().HaveCount(perChunk + 1);
        pool.Chunks.Should().Be(2, "one block more than a chunk holds needs a second chunk");
        for (var i = 0; i < blocks.Count; i++)
            pool.Span(blocks[i]).Fill((byte)i);
        for (var i = 0; i < blocks.Count; i++)
            pool.Span(blocks[i]).IndexOfAnyExcept((byte)i).Should().Be(-1, "no block overlaps another");

        pool.Return(blocks[3]);
        pool.Take().Should().Be(blocks[3]);
        pool.Chunks.Should().Be(2);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(3 << 20)]
    [InlineData(96 << 10)]
    public void Block_sizes_are_powers_of_two_within_a_chunk(int size)
    {
        var act = () => new HugePageBlocks(size);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_disposed_pool_gives_no_blocks()
    {
        var pool = new HugePageBlocks(4096);
        var block = pool.Take();
        pool.Dispose();
        pool.Return(block);
        var act = () => pool.Take();
        act.Should().Throw<ObjectDisposedException>();
    }
}
