using System.IO.Compression;
using Fennec.Packets.Capture;
using Fennec.TestSupport;

namespace Fennec.Packets.Tests.Capture;

/// <summary>
/// Records that cross buffer refills, gzip input, damage found on the refill path, and the allocation budget of
/// the per-record path.
/// </summary>
public class ReaderBufferingTests
{
    /// <summary>Frames of varied sizes, enough to cross many 256 KiB buffer refills at odd offsets.</summary>
    private static List<TestFrame> VariedFrames(int count) =>
        Enumerable.Range(0, count)
            .Select(i => new TestFrame(Enumerable.Range(0, 14 + (i * 37 % 1500)).Select(b => (byte)(b + i)).ToArray(),
                1_700_000_000_000_000_000 + (i * 1_000L)))
            .ToList();

    private static List<(byte[] Data, long Ts, long Offset)> ReadAll(byte[] capture)
    {
        using var reader = CaptureReader.Open(new MemoryStream(capture), "test");
        var records = new List<(byte[], long, long)>();
        while (reader.TryRead(out var record))
            records.Add((record.Data.ToArray(), record.TimestampNs, record.Offset));
        return records;
    }

    private static void ShouldMatch(List<(byte[] Data, long Ts, long Offset)> records, List<TestFrame> frames)
    {
        records.Should().HaveCount(frames.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            records[i].Data.Should().Equal(frames[i].Data, $"frame {i}");
            records[i].Ts.Should().Be(frames[i].TimestampNs, $"frame {i}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Pcap_records_across_refills_come_out_whole(bool bigEndian)
    {
        var frames = VariedFrames(3000);
        var records = ReadAll(CaptureFiles.Pcap(1, frames, bigEndian: bigEndian));

        ShouldMatch(records, frames);
        records[0].Offset.Should().Be(24);
        records[1].Offset.Should().Be(24 + 16 + frames[0].Data.Length);
    }

    [Fact]
    public void Pcapng_records_across_refills_come_out_whole()
    {
        var frames = VariedFrames(3000);
        ShouldMatch(ReadAll(CaptureFiles.Pcapng([(1, null, null)], frames)), frames);
    }

    [Fact]
    public void Gzip_compressed_pcap_reads_to_the_end()
    {
        var frames = VariedFrames(3000);
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(CaptureFiles.Pcap(1, frames));

        using var reader = CaptureReader.Open(new MemoryStream(compressed.ToArray()), "test.pcap.gz");
        var count = 0;
        while (reader.TryRead(out _))
            count++;

        reader.Compressed.Should().BeTrue();
        count.Should().Be(frames.Count);
    }

    [Fact]
    public void Damaged_gzip_data_is_a_capture_format_error()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(CaptureFiles.Pcap(1, VariedFrames(3000)));
        var bytes = compressed.ToArray();
        for (var i = 200; i < 400; i++)
            bytes[i] ^= 0x5A;

        var read = () =>
        {
            using var reader = CaptureReader.Open(new MemoryStream(bytes), "bad.pcap.gz");
            while (reader.TryRead(out _))
            {
            }
        };

        read.Should().Throw<CaptureFormatException>().Which.Problem.Should().StartWith("gzip data is damaged");
    }

    [Fact]
    public void Records_over_the_snapshot_length_leave_the_fast_path_and_are_counted()
    {
        var frames = VariedFrames(10);
        var capture = CaptureFiles.Pcap(1, frames, snapLength: 100);
        using var reader = CaptureReader.Open(new MemoryStream(capture), "small-snaplen.pcap");
        var lengths = new List<int>();
        while (reader.TryRead(out var record))
            lengths.Add(record.Data.Length);

        lengths.Should().Equal(frames.Select(f => f.Data.Length));
        reader.OversizedRecords.Should().Be(frames.Count(f => f.Data.Length > 100));
    }

    [Fact]
    public void A_record_cut_short_at_the_end_is_reported_after_the_whole_ones()
    {
        var frames = VariedFrames(3000);
        var capture = CaptureFiles.Pcap(1, frames);
        using var reader = CaptureReader.Open(new MemoryStream(capture[..^5]), "cut.pcap");
        var count = 0;
        var read = () =>
        {
            while (reader.TryRead(out _))
                count++;
        };

        read.Should().Throw<CaptureFormatException>().Which.Problem.Should().StartWith("the capture is cut short");
        count.Should().Be(frames.Count - 1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reading_records_allocates_nothing_per_record(bool pcapng)
    {
        var frames = VariedFrames(20_000);
        var capture = pcapng ? CaptureFiles.Pcapng([(1, null, null)], frames) : CaptureFiles.Pcap(1, frames);
        long Read()
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            using var reader = CaptureReader.Open(new MemoryStream(capture), "test");
            while (reader.TryRead(out _))
            {
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Read();
        Read().Should().BeLessThan(16 * 1024, "opening a reader costs a few objects; 20,000 records must cost none");
    }
}
