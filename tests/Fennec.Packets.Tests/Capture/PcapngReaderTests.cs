using Fennec.Packets.Capture;
using Fennec.TestSupport;
using static Fennec.Packets.Tests.Capture.CaptureTestHelpers;

namespace Fennec.Packets.Tests.Capture;

public class PcapngReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Enhanced_packet_blocks_in_either_byte_order(bool bigEndian)
    {
        var capture = CaptureFiles.Pcapng([(1, null, null)],
            [new TestFrame([1, 2, 3, 4, 5], 1_500_000_000_000_001_000, WireLength: 90), new TestFrame(new byte[64], 1_500_000_000_500_000_000)],
            bigEndian);
        var frames = ReadAll(capture, "t.pcapng");
        frames.Should().HaveCount(2);
        frames[0].Data.Should().Equal(1, 2, 3, 4, 5);
        frames[0].WireLength.Should().Be(90);
        frames[0].TimestampNs.Should().Be(1_500_000_000_000_001_000);
        frames[1].TimestampNs.Should().Be(1_500_000_000_500_000_000);
    }

    [Fact]
    public void Interface_resolution_and_offset_apply_per_interface()
    {
        var capture = CaptureFiles.Pcapng(
            [(1, 9, null), (101, 0x80 | 20, 3600), (113, 3, null)],
            [
                new TestFrame(new byte[20], 1_400_000_000_123_456_789, InterfaceId: 0),
                new TestFrame(new byte[20], 1_400_000_000_500_000_000, InterfaceId: 1),
                new TestFrame(new byte[20], 1_400_000_000_123_000_000, InterfaceId: 2),
            ]);
        var frames = ReadAll(capture, "t.pcapng");
        frames[0].TimestampNs.Should().Be(1_400_000_000_123_456_789);
        frames[0].LinkType.Should().Be(LinkType.Ethernet);
        // 2^-20 s units: 0.5 s is exact; the offset adds an hour.
        frames[1].TimestampNs.Should().Be(1_400_003_600_500_000_000);
        frames[1].LinkType.Should().Be(LinkType.Raw);
        frames[1].InterfaceId.Should().Be(1);
        frames[2].TimestampNs.Should().Be(1_400_000_000_123_000_000);
        frames[2].LinkType.Should().Be(LinkType.LinuxSll);
    }

    [Fact]
    public void A_new_section_restarts_interface_numbering_and_may_change_byte_order()
    {
        var stream = new MemoryStream();
        CaptureFiles.WriteSection(stream, [(1, null, null)], [new TestFrame(new byte[14], 1_000_000_000)], bigEndian: false);
        CaptureFiles.WriteSection(stream, [(101, null, null)], [new TestFrame([0x45, 0, 0, 20], 2_000_000_000)], bigEndian: true);
        using var reader = CaptureReader.Open(new MemoryStream(stream.ToArray()), "two-sections.pcapng");
        var links = new List<(LinkType, int)>();
        while (reader.TryRead(out var r))
            links.Add((r.LinkType, r.InterfaceId));
        links.Should().Equal((LinkType.Ethernet, 0), (LinkType.Raw, 1));
        reader.Interfaces.Should().HaveCount(2);
    }

    [Fact]
    public void Simple_and_obsolete_packet_blocks_and_unknown_blocks()
    {
        var stream = new MemoryStream();
        CaptureFiles.WriteSection(stream, [(1, null, null)], [], bigEndian: false);
        // Simple packet block: original length then the data, no timestamp.
        var spb = new byte[4 + 8];
        CaptureFiles.Write32(spb, 0, 6, false);
        new byte[] { 9, 8, 7, 6, 5, 4 }.CopyTo(spb, 4);
        CaptureFiles.WriteBlock(stream, 3, spb, false);
        // An unknown custom block is skipped.
        CaptureFiles.WriteBlock(stream, 0x40000BAD, new byte[16], false);
        // Obsolete packet block: interface 0, drops, timestamp, lengths, data.
        var opb = new byte[20 + 4];
        CaptureFiles.Write16(opb, 0, 0, false);
        CaptureFiles.Write32(opb, 4, 0, false);
        CaptureFiles.Write32(opb, 8, 3_000_000, false);
        CaptureFiles.Write32(opb, 12, 3, false);
        CaptureFiles.Write32(opb, 16, 3, false);
        opb[20] = 0xAB;
        CaptureFiles.WriteBlock(stream, 2, opb, false);

        using var reader = CaptureReader.Open(new MemoryStream(stream.ToArray()), "blocks.pcapng");
        reader.TryRead(out var simple).Should().BeTrue();
        simple.Data.ToArray().Should().Equal(9, 8, 7, 6, 5, 4);
        simple.TimestampNs.Should().Be(0);
        reader.TryRead(out var obsolete).Should().BeTrue();
        obsolete.TimestampNs.Should().Be(3_000_000_000);
        obsolete.Data[0].Should().Be(0xAB);
        reader.TryRead(out _).Should().BeFalse();
        reader.SkippedBlocks.Should().Be(1);
    }

    [Fact]
    public void Damaged_blocks_are_reported_with_their_offset()
    {
        var capture = CaptureFiles.Pcapng([(1, null, null)], [new TestFrame(new byte[8], 1)]);
        var trailerAt = capture.Length - 4;
        CaptureFiles.Write32(capture, trailerAt, 999, false);
        var act = () => ReadAll(capture, "bad-trailer.pcapng");
        act.Should().Throw<CaptureFormatException>().WithMessage("bad-trailer.pcapng: at byte offset 48: block of type 0x00000006: trailing length 999 differs*");

        var noInterface = CaptureFiles.Pcapng([(1, null, null)], [new TestFrame(new byte[8], 1)]);
        CaptureFiles.Write32(noInterface, 48 + 8, 5, false);
        var act2 = () => ReadAll(noInterface, "x.pcapng");
        act2.Should().Throw<CaptureFormatException>().WithMessage("*names interface 5, but the section describes 1*");

        var badMagic = CaptureFiles.Pcapng([(1, null, null)], []);
        badMagic[8] = 0;
        var act3 = () => ReadAll(badMagic, "x.pcapng");
        act3.Should().Throw<CaptureFormatException>().WithMessage("*unknown byte-order magic*");
    }
}
