using Fennec.Cli.Output;

namespace Fennec.Cli.Tests.Output;

/// <summary>Parts written on several threads must come out as the kept parts' bytes, in order.</summary>
public sealed class PartOrderedOutputTests
{
    /// <summary>Part <paramref name="k"/>'s bytes: lines that name it, enough to fill several held blocks for some parts.</summary>
    private static byte[] PartBytes(int k, Random random)
    {
        var lines = random.Next(3) == 0 ? 0 : random.Next(1, 6_000);
        return System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, lines).Select(i => $"part {k} line {i} {new string('x', i % 50)}\n")));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 3)]
    public void Parts_written_on_threads_come_out_in_order_without_the_discarded(int seed, int threads)
    {
        var random = new Random(seed);
        const int Parts = 24;
        var bytes = Enumerable.Range(0, Parts).Select(k => PartBytes(k, random)).ToArray();
        // Each part names the one that follows it; some skip ahead (the parts between are discarded).
        var next = new int?[Parts];
        var kept = new List<int>();
        for (var k = 0; k < Parts; k = next[k] ?? Parts)
        {
            kept.Add(k);
            next[k] = k + 1 + (random.Next(4) == 0 ? random.Next(1, 3) : 0);
            if (next[k] >= Parts)
                next[k] = null;
        }

        var sink = new MemoryStream();
        using (var output = new PartOrderedOutput(sink, Parts))
        {
            var taken = -1;
            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                var local = new Random(seed * 100 + t);
                for (var k = Interlocked.Increment(ref taken); k < Parts; k = Interlocked.Increment(ref taken))
                {
                    // Small writes of uneven sizes, with pauses, so parts become the head while their threads write.
                    var data = bytes[k].AsSpan();
                    while (!data.IsEmpty)
                    {
                        var n = Math.Min(data.Length, local.Next(1, 9_000));
                        output[k].Write(data[..n]);
                        data = data[n..];
                        if (local.Next(200) == 0)
                            Thread.Sleep(1);
                    }

                    output.Finish(k, next[k]);
                }
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());
        }

        sink.ToArray().Should().Equal(kept.SelectMany(k => bytes[k]));
    }

    [Fact]
    public void A_part_that_finishes_before_the_head_reaches_it_is_sent_by_the_thread_that_passes_the_head()
    {
        var sink = new MemoryStream();
        using var output = new PartOrderedOutput(sink, 3);
        output[2].Write("third\n"u8);
        output.Finish(2, null);
        output[1].Write("second\n"u8);
        output.Finish(1, 2);
        sink.Length.Should().Be(0, "the head has not moved");
        output[0].Write("first\n"u8);
        output.Finish(0, 1);

        System.Text.Encoding.ASCII.GetString(sink.ToArray()).Should().Be("first\nsecond\nthird\n");
    }
}
