using System.Text;
using Fennec.Features.Kitsune;

namespace Fennec.Features.Tests;

public sealed class KitsuneTsvReaderTests
{
    private static readonly string Header = string.Join('\t', KitsuneTsvReader.Columns);

    private static KitsuneTsvReader Reader(string text) =>
        new(new MemoryStream(Encoding.ASCII.GetBytes(text)), "input.tsv");

    private static string Row(params (int Column, string Value)[] values)
    {
        var cells = new string[19];
        Array.Fill(cells, string.Empty);
        foreach (var (column, value) in values)
            cells[column] = value;
        return string.Join('\t', cells);
    }

    [Fact]
    public void Applies_the_reference_rules_for_tcp_udp_arp_icmp_ipv6_and_non_ip()
    {
        var text = string.Join('\n',
            Header,
            Row((0, "1.5"), (1, "60"), (2, "aa:aa:aa:aa:aa:aa"), (3, "bb:bb:bb:bb:bb:bb"), (4, "10.0.0.1"), (5, "10.0.0.2"), (6, "1234"), (7, "80")),
            Row((0, "2"), (1, "42"), (2, "aa:aa:aa:aa:aa:aa"), (3, "ff:ff:ff:ff:ff:ff"), (12, "1"), (14, "10.0.0.1"), (16, "10.0.0.9")),
            Row((0, "3"), (1, "98"), (2, "aa:aa:aa:aa:aa:aa"), (3, "bb:bb:bb:bb:bb:bb"), (4, "10.0.0.1"), (5, "10.0.0.2"), (10, "8"), (11, "0")),
            Row((0, "4"), (1, "86"), (17, "fe80::1"), (18, "ff02::1")),
            Row((0, "5"), (1, "60"), (2, "aa:aa:aa:aa:aa:aa"), (3, "01:80:c2:00:00:00")),
            Row((0, "6"), (1, "70"), (4, "10.0.0.1"), (5, "10.0.0.2"), (10, "3"), (8, "53"), (9, "5353")),
            string.Empty);
        using var reader = Reader(text);
        var f = new PacketFields();
        var seen = new List<string>();
        while (reader.TryRead(f))
            seen.Add($"{f.Timestamp}|{f.FrameLength}|{f.SrcMac}|{f.DstMac}|{f.SrcIp}|{f.SrcProto}|{f.DstIp}|{f.DstProto}");
        seen.Should().Equal(
            "1.5|60|aa:aa:aa:aa:aa:aa|bb:bb:bb:bb:bb:bb|10.0.0.1|1234|10.0.0.2|80",
            "2|42|aa:aa:aa:aa:aa:aa|ff:ff:ff:ff:ff:ff|10.0.0.1|arp|10.0.0.9|arp",
            "3|98|aa:aa:aa:aa:aa:aa|bb:bb:bb:bb:bb:bb|10.0.0.1|icmp|10.0.0.2|icmp",
            "4|86|||fe80::1||ff02::1|",
            "5|60|aa:aa:aa:aa:aa:aa|01:80:c2:00:00:00|aa:aa:aa:aa:aa:aa||01:80:c2:00:00:00|",
            "6|70|||10.0.0.1|53|10.0.0.2|5353");
        reader.TruncatedLines.Should().Be(0);
    }

    [Fact]
    public void A_last_line_cut_short_is_counted_and_skipped()
    {
        using var reader = Reader(Header + "\n" + Row((0, "1"), (1, "60"), (4, "10.0.0.1"), (5, "10.0.0.2")) + "\n1.2\t60\taa:aa");
        var f = new PacketFields();
        reader.TryRead(f).Should().BeTrue();
        reader.TryRead(f).Should().BeFalse();
        reader.TruncatedLines.Should().Be(1);
        reader.Rows.Should().Be(1);
    }

    [Fact]
    public void A_wrong_header_names_the_column()
    {
        using var reader = Reader("frame.time_epoch\tframe.cap_len\n");
        var act = () => reader.TryRead(new PacketFields());
        act.Should().Throw<KitsuneInputException>().WithMessage("input.tsv: line 1 *column 2 is 'frame.cap_len'*");
    }

    [Theory]
    [InlineData("x", "60", "line 2 frame.time_epoch 'x' is not a number")]
    [InlineData("1", "-5", "line 2 frame.len '-5' is not a length")]
    public void A_bad_value_names_the_line_and_field(string time, string length, string message)
    {
        using var reader = Reader(Header + "\n" + Row((0, time), (1, length)) + "\n");
        var act = () => reader.TryRead(new PacketFields());
        act.Should().Throw<KitsuneInputException>().WithMessage("input.tsv: " + message);
    }

    [Fact]
    public void A_complete_line_with_too_few_fields_is_an_error()
    {
        using var reader = Reader(Header + "\n1\t60\n");
        var act = () => reader.TryRead(new PacketFields());
        act.Should().Throw<KitsuneInputException>().WithMessage("input.tsv: line 2 has 2 fields; 19 are expected");
    }

    [Fact]
    public void A_value_longer_than_a_field_holds_is_an_error()
    {
        using var reader = Reader(Header + "\n" + Row((0, "1"), (1, "60"), (4, new string('1', 80)), (5, "2")) + "\n");
        var act = () => reader.TryRead(new PacketFields());
        act.Should().Throw<KitsuneInputException>().WithMessage("*ip.src is longer than 64 characters*");
    }

    [Fennec.TestSupport.CorpusFact]
    public void The_corpus_tsv_ends_in_a_truncated_line_that_is_dropped()
    {
        var path = Path.Combine(Fennec.TestSupport.SharedData.RequireCorpus(), "kitsune-mirai-tsv", "mirai.pcap.tsv");
        using var source = KitsunePacketSource.Open(path);
        var f = new PacketFields();
        while (source.TryRead(f))
        {
        }

        source.Packets.Should().Be(38_363);
        source.TruncatedLines.Should().Be(1);
    }
}
