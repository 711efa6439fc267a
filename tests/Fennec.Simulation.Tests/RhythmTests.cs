using Fennec.Packets.Capture;

namespace Fennec.Simulation.Tests;

public class RhythmTests
{
    /// <summary>Packets written in each simulated hour, from the simulator's progress reports.</summary>
    private static long[] PacketsPerHour(SimulationOptions options)
    {
        var perHour = new long[options.Hours];
        var before = 0L;
        using var writer = new PcapWriter(Stream.Null);
        new TrafficSimulator(options).Run(writer, (hours, packets) =>
        {
            perHour[hours - 1] = packets - before;
            before = packets;
        });
        return perHour;
    }

    [Fact]
    public void Office_hours_are_busier_than_nights_and_weekdays_than_weekends()
    {
        // Friday 2026-01-09 00:00 to Saturday 16:00.
        var hours = PacketsPerHour(new SimulationOptions { Start = new DateTimeOffset(2026, 1, 9, 0, 0, 0, TimeSpan.Zero), Hours = 40, Attacks = [] });
        var fridayOffice = hours[10] + hours[11] + hours[14] + hours[15];
        var fridayNight = hours[2] + hours[3] + hours[4] + hours[5];
        var saturdayOffice = hours[24 + 10] + hours[24 + 11] + hours[24 + 14] + hours[24 + 15];
        fridayOffice.Should().BeGreaterThan(5 * fridayNight);
        fridayOffice.Should().BeGreaterThan(3 * saturdayOffice);
        saturdayOffice.Should().BeGreaterThan(fridayNight, "a few people work on Saturdays");
        hours.Should().OnlyContain(h => h > 0, "NTP, updates and web visitors keep nights from being empty");
    }

    [Fact]
    public void Weekdays_repeat_their_volume_hour_by_hour()
    {
        var hours = PacketsPerHour(new SimulationOptions { Hours = 72, Attacks = [], Intensity = 0.5 });
        foreach (var hour in new[] { 3, 10, 15, 20 })
        {
            var days = new[] { hours[hour], hours[24 + hour], hours[48 + hour] };
            days.Max().Should().BeLessThan(2 * days.Min(), $"hour {hour} on Monday to Wednesday: {string.Join(", ", days)}");
        }
    }

    [Fact]
    public void Intensity_scales_the_normal_traffic()
    {
        var options = new SimulationOptions { Hours = 3, Start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), Attacks = [] };
        var single = PacketsPerHour(options).Sum();
        var triple = PacketsPerHour(options with { Intensity = 3 }).Sum();
        ((double)triple / single).Should().BeInRange(2.5, 3.5);
    }
}
