using Fennec.Simulation.Attacks;
using Fennec.Simulation.Output;

namespace Fennec.Simulation.Tests;

public class AttackLabelWriterTests
{
    [Fact]
    public void Rows_have_iso_times_nanoseconds_and_quoted_descriptions()
    {
        var text = new StringWriter();
        using (var writer = new AttackLabelWriter(text, leaveOpen: true))
        {
            writer.WriteAll(
            [
                new AttackLabel(AttackKind.PortScan, 1_767_657_600_123_456_789, 1_767_657_700_000_000_000, "1.2.3.4", "10.0.1.10", null, 2000,
                    "scan, with a \"quote\""),
                new AttackLabel(AttackKind.NewCountry, 1_767_657_600_000_000_000, 1_767_657_600_000_001_000, "10.0.1.10;10.0.1.11", "175.45.176.9",
                    443, 12, "plain"),
            ]);
        }

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Equal(
            "attack,start,end,start_ns,end_ns,attacker,victim,victim_port,packets,description",
            "portscan,2026-01-06T00:00:00.123456Z,2026-01-06T00:01:40.000000Z,1767657600123456789,1767657700000000000,1.2.3.4,10.0.1.10,,2000," +
            "\"scan, with a \"\"quote\"\"\"",
            "newcountry,2026-01-06T00:00:00.000000Z,2026-01-06T00:00:00.000001Z,1767657600000000000,1767657600000001000,10.0.1.10;10.0.1.11," +
            "175.45.176.9,443,12,plain");
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    public void Fields_are_quoted_only_when_needed(string value, string expected) => AttackLabelWriter.Quote(value).Should().Be(expected);
}
