using Fennec.Packets.Capture;
using Fennec.TestSupport;
using static Fennec.Packets.Tests.Capture.CaptureTestHelpers;

namespace Fennec.Packets.Tests.Capture;

public class PcapReaderTests
{
    private static readonly TestFrame[] Frames3 =
    [
        new(new byte[60], 1_600_000_000_123_456_000),
        new(Enumerable.Range(0, 100).Select(i => (byte)i).ToArray(), 1_600_000_001_000_001_000, WireLength: 1514),
        new(new byte[1], 1_600_000_002_999_999_000),
    ];

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Every_magic_and_byte_order_reads_the_same_frames(bool nanoseconds, bool bigEndian)
    {
        var capture = CaptureFiles.Pcap(1, Frames3, nanoseconds, bigEndian);
        var frames = ReadAll(capture);
        frames.Should().HaveCount(3);
        frames.Select(f => f.TimestampNs).Should().Equal(Frames3.Select(f => f.TimestampNs));
        frames[1].Data.Should().Equal(Frames3[1].Data);
        frames[1].WireLength.Should().Be(1514);
        frames.Should().OnlyContain(f => f.LinkType == LinkType.Ethernet && f.InterfaceId == 0);
        frames[0].Offset.Should().Be(24);
        frames[1].Offset.Should().Be(24 + 16 + 60);
    }

    [Fact]
    public void Nanosecond_timestamps_keep_every_digit()
    {
        var frames = ReadAll(CaptureFiles.Pcap(1, [new TestFrame(new byte[14], 1_700_000_000_123_456_789)], nanoseconds: true));
        frames.Single().TimestampNs.Should().Be(1_700_000_000_123_456_789);
    }

    [Fact]
    public void A_record_cut_short_names_the_file_and_offset_after_delivering_the_earlier_frames()
    {
        var capture = CaptureFiles.Pcap(1, Frames3);
        var cut = capture[..^50];
        using var reader = CaptureReader.Open(new MemoryStream(cut), "cut.pcap");
        reader.TryRead(out _).Should().BeTrue();
        var act = () => reader.TryRead(out _);
        act.Should().Throw<CaptureFormatException>()
            .Where(e => e.SourceName == "cut.pcap" && e.Offset == 24 + 16 + 60 && e.Message.Contains("cut short"));
    }

    [Fact]
    public void A_header_cut_short_is_an_error_not_an_end()
    {
        var capture = CaptureFiles.Pcap(1, Frames3);
        var act = () => ReadAll(capture[..(24 + 16 + 60 + 7)]);
        act.Should().Throw<CaptureFormatException>().WithMessage("*record header needs 16 bytes, only 7 remain*");
    }

    [Fact]
    public void Records_over_the_snapshot_length_are_read_and_counted()
    {
        var capture = CaptureFiles.Pcap(1, Frames3, snapLength: 64);
        using var reader = CaptureReader.Open(new MemoryStream(capture), "small-snaplen.pcap");
        var count = 0;
        while (reader.TryRead(out _))
            count++;
        count.Should().Be(3);
        reader.OversizedRecords.Should().Be(1);
    }

    [Fact]
    public void A_captured_length_past_any_real_frame_is_rejected()
    {
        var capture = CaptureFiles.Pcap(1, Frames3, snapLength: 65535);
        CaptureFiles.Write32(capture, 24 + 8, 300_000, bigEndian: false);
        var act = () => ReadAll(capture, "huge.pcap");
        act.Should().Throw<CaptureFormatException>()
            .WithMessage("huge.pcap: at byte offset 24: record captured length 300000 exceeds the file's snapshot length 65535*");
    }

    [Fact]
    public void Unknown_versions_and_magic_are_refused()
    {
        var capture = CaptureFiles.Pcap(1, Frames3);
        capture[4] = 3;
        var act = () => ReadAll(capture);
        act.Should().Throw<CaptureFormatException>().WithMessage("*unsupported pcap version 3.4*");

        var notCapture = () => ReadAll("id,bidirectional_packets\n1,2\n"u8.ToArray(), "results.pcap");
        notCapture.Should().Throw<CaptureFormatException>().WithMessage("results.pcap: at byte offset 0: not a pcap or pcapng capture (first bytes 69642C62)");

        var empty = () => ReadAll([], "empty.pcap");
        empty.Should().Throw<CaptureFormatException>().WithMessage("*the capture is empty*");
    }

    [Fact]
    public void A_header_only_capture_has_no_frames()
    {
        ReadAll(CaptureFiles.Pcap(1, [])).Should().BeEmpty();
    }
}
