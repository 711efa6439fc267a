using Fennec.Reporting.Format;
using Fennec.Reporting.Html;

namespace Fennec.Reporting.Tests;

public sealed class UnitsTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(999, "999 B")]
    [InlineData(999.6, "1.00 KB")]
    [InlineData(1_234, "1.23 KB")]
    [InlineData(45_600_000, "45.6 MB")]
    [InlineData(123_000_000_000, "123 GB")]
    [InlineData(9_000_000_000_000_000, "9.00 PB")]
    [InlineData(9.2e18, "9.20 EB")]
    public void Bytes_in_decimal_units(double bytes, string expected) => Units.Bytes(bytes).Should().Be(expected);

    [Fact]
    public void Rates_in_pps_and_bits_per_second()
    {
        Units.PacketRate(3_600_000, 3_600_000_000_000).Should().Be("1,000 pps");
        Units.PacketRate(90, 60_000_000_000).Should().Be("1.5 pps");
        Units.BitRate(1_250_000, 1_000_000_000).Should().Be("10.0 Mbit/s");
        Units.BitRate(1, 0).Should().Be("n/a");
    }

    [Fact]
    public void Times_in_utc_iso_and_durations_in_two_units()
    {
        Units.Time(1_709_510_400_999_999_999).Should().Be("2024-03-04T00:00:00Z");
        Units.Time(-1).Should().Be("1969-12-31T23:59:59Z");
        Units.Duration(72 * 3_600_000_000_000L - 1_000_000_000).Should().Be("2 d 23 h");
        Units.Duration(340_000_000_000).Should().Be("5 min 40 s");
        Units.Duration(2_500_000).Should().Be("2.5 ms");
    }

    [Fact]
    public void Html_text_escapes_the_five_special_characters()
    {
        HtmlText.Encode("a<b>&\"c'</script>").Should().Be("a&lt;b&gt;&amp;&quot;c&#39;&lt;/script&gt;");
        HtmlText.Encode(null).Should().BeEmpty();
    }
}
