using Fennec.Detection.Incidents;

namespace Fennec.Detection.Tests.Incidents;

public class QuantitiesTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(999, "999 B")]
    [InlineData(1500, "1.5 kB")]
    [InlineData(812_000_000, "812 MB")]
    [InlineData(2.25e9, "2.25 GB")]
    public void Bytes_read_naturally(double bytes, string text) => Quantities.Bytes(bytes).Should().Be(text);

    [Theory]
    [InlineData(12, "12")]
    [InlineData(1234, "1.23 k")]
    [InlineData(3_400_000, "3.4 M")]
    public void Counts_read_naturally(double count, string text) => Quantities.Count(count).Should().Be(text);

    [Fact]
    public void Times_are_utc_to_the_minute_or_second()
    {
        Quantities.Time(1_767_794_400_000_000_000L).Should().Be("2026-01-07 14:00 UTC");
        Quantities.Time(1_767_794_405_000_000_000L).Should().Be("2026-01-07 14:00:05 UTC");
    }
}
