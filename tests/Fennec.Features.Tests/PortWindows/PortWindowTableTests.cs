using Fennec.Features.PortWindows;

namespace Fennec.Features.Tests.PortWindows;

public class PortWindowTableTests
{
    private const long Minute = 60_000_000_000L;

    [Fact]
    public void A_record_over_several_windows_is_spread_by_time_and_its_port_pair_counted_in_each()
    {
        var table = new PortWindowTable();
        table.Add(Minute / 2, 5 * Minute / 2, 50_000, 443, 400);
        table.Windows.Keys.Should().BeEquivalentTo([0L, 1L, 2L]);
        table.Windows[0].DstPackets[443].Should().Be(100);
        table.Windows[1].DstPackets[443].Should().Be(200);
        table.Windows[1].SrcPackets[50_000].Should().Be(200);
        table.Windows[2].Pairs.Should().Equal((50_000u << 16) | 443);
    }

    [Fact]
    public void Ports_followed_are_those_present_in_the_most_training_windows_and_values_are_scaled_to_the_unit_range()
    {
        var table = new PortWindowTable(new PortWindowOptions { TopPorts = 2 });
        for (var w = 0; w < 60; w++)
        {
            table.Add(w * Minute, w * Minute + 1, (ushort)(40_000 + w), 443, 60);   // a web client, new port each time
            table.Add(w * Minute, w * Minute + 1, 53_000, 53, 6);                    // a resolver
        }
        table.Add(10 * Minute, 10 * Minute + 1, 61_000, 8080, 100_000);              // one bulk transfer
        var vectorizer = PortVectorizer.Fit(table, Enumerable.Range(0, 60).Select(w => (long)w));
        vectorizer.DstPorts.Should().Equal(443, 53);
        vectorizer.SrcPorts.Should().Contain(53_000);
        vectorizer.Length.Should().Be(8);

        var vector = new double[8];
        vectorizer.Vector(table.Windows[5], vector);
        vector.Should().OnlyContain(v => v >= 0 && v <= 0.5);
        vectorizer.Vector(null, vector);
        vector.Should().OnlyContain(v => v == 0);

        table.Add(70 * Minute, 70 * Minute + 1, 1234, 443, 600_000);
        vectorizer.Vector(table.Windows[70], vector);
        vector[4].Should().Be(1, "a flood far beyond anything seen in training saturates");
        vectorizer.Describe(4).Should().Be("packets/s to destination port 443");
        vectorizer.Describe(6).Should().Be("distinct source ports towards destination port 443");
    }
}
