using Fennec.Features.AfterImage;
using Fennec.Features.Kitsune;
using Fennec.TestSupport;

namespace Fennec.Features.Tests;

/// <summary>Fennec's own decoder gives the fields the reference's tshark path gave, and so the same features.</summary>
public sealed class PacketFieldGoldenTests
{
    [CorpusTheory]
    [InlineData("networkml_ip6")]
    [InlineData("ppa_ftp_crack")]
    public void Fields_from_the_capture_equal_the_reference_fields(string capture)
    {
        var golden = KitsuneGolden.Load(capture);
        var path = golden.CapturePath(capture) ?? throw new FileNotFoundException("golden capture missing", capture);
        var rows = golden.ParsedFields();
        var expected = golden.AllFeatures();
        using var source = KitsunePacketSource.Open(path);
        source.IsTsv.Should().BeFalse();
        var fields = new PacketFields();
        var extractor = new AfterImageExtractor();
        var features = new double[AfterImageExtractor.FeatureCount];
        var i = 0;
        while (source.TryRead(fields))
        {
            var row = rows[i];
            var actual = new[]
            {
                fields.SrcMac.ToString(), fields.DstMac.ToString(), fields.SrcIp.ToString(), fields.SrcProto.ToString(),
                fields.DstIp.ToString(), fields.DstProto.ToString(),
            };
            actual.Should().Equal(row[2..8], $"packet {i}");
            fields.FrameLength.Should().Be(int.Parse(row[8], System.Globalization.CultureInfo.InvariantCulture), $"packet {i}");
            BitConverter.DoubleToInt64Bits(fields.Timestamp).Should().Be(
                BitConverter.DoubleToInt64Bits(double.Parse(row[9], System.Globalization.CultureInfo.InvariantCulture)), $"packet {i}");
            extractor.Update(fields, features);
            AfterImageGoldenTests.AssertRow(expected.AsSpan(i * 100, 100), features, i);
            i++;
        }

        i.Should().Be(rows.Count);
    }
}
