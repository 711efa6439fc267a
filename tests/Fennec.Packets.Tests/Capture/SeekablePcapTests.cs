using Fennec.Packets.Capture;
using Fennec.TestSupport;

namespace Fennec.Packets.Tests.Capture;

public sealed class SeekablePcapTests : IDisposable
{
    private readonly List<string> _files = [];

    public void Dispose()
    {
        foreach (var f in _files)
            File.Delete(f);
    }

    private string Write(byte[] bytes)
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, bytes);
        _files.Add(path);
        return path;
    }

    private static List<(long Offset, long Time)> ReadAll(CaptureReader reader)
    {
        var records = new List<(long, long)>();
        while (reader.TryRead(out var r))
            records.Add((r.Offset, r.TimestampNs));
        return records;
    }

    [Fact]
    public void A_reader_opened_near_an_offset_starts_at_the_next_record_and_reads_what_the_sequential_reader_reads()
    {
        // Payloads of zeros and of bytes that repeat a record header's shape must not be taken for records.
        var fake = new byte[16];
        BitConverter.TryWriteBytes(fake.AsSpan(8), 4);
        BitConverter.TryWriteBytes(fake.AsSpan(12), 4);
        var frames = Enumerable.Range(0, 300).Select(i => new TestFrame(
            Frames.Ethernet(0x0800, Frames.IPv4("10.0.0.1", "10.0.0.2", 17, Frames.Udp(1, 2, i % 2 == 0 ? new byte[i] : [.. fake, .. fake, .. fake]))),
            1_700_000_000_000_000_000L + (i * 1000L))).ToList();
        var path = Write(CaptureFiles.Pcap(1, frames, nanoseconds: true));
        List<(long Offset, long Time)> all;
        using (var sequential = CaptureReader.Open(path))
            all = ReadAll(sequential);

        using var file = SeekablePcap.TryOpen(path);
        file.Should().NotBeNull();
        foreach (var offset in new long[] { 24, 25, 1000, 5003, 20_000, all[^1].Offset })
        {
            using var reader = file!.OpenNear(offset, out var start);
            reader.Should().NotBeNull();
            var expected = all.SkipWhile(r => r.Offset < offset).ToList();
            start.Should().Be(expected[0].Offset, $"the first record at or after {offset}");
            ReadAll(reader!).Should().Equal(expected);
        }

        using var at = file!.OpenAt(all[10].Offset);
        ReadAll(at).Should().Equal(all.Skip(10));
    }

    [Fact]
    public void Only_a_plain_classic_pcap_file_opens()
    {
        var frame = new TestFrame(Frames.Ethernet(0x0800, Frames.IPv4("10.0.0.1", "10.0.0.2", 17, Frames.Udp(1, 2))), 1_000);
        SeekablePcap.TryOpen(Write(CaptureFiles.Pcapng([(1, null, null)], [frame]))).Should().BeNull();
        SeekablePcap.TryOpen(Write([0xA1, 0xB2])).Should().BeNull();
        SeekablePcap.TryOpen(Write(CaptureFiles.Pcap(1, [frame])[..20])).Should().BeNull();
        SeekablePcap.TryOpen("/nonexistent/file.pcap").Should().BeNull();
        using var good = SeekablePcap.TryOpen(Write(CaptureFiles.Pcap(1, [frame])));
        good.Should().NotBeNull();
    }
}
