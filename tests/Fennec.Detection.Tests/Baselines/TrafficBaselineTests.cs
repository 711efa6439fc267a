using Fennec.Detection.Baselines;

namespace Fennec.Detection.Tests.Baselines;

public class TrafficBaselineTests
{
    // Hour 0 of day 0 is 2026-01-05 00:00 UTC (a Monday), as bucket numbers since the epoch.
    private const long Monday = 20_458L * 24;

    /// <summary>A diurnal series: quiet nights, busy office hours, multiplicative noise of about 15%.</summary>
    private static double Diurnal(long hour, Random random)
    {
        var h = hour % 24;
        var level = h is >= 8 and < 18 ? 50e6 : h is >= 6 and < 22 ? 10e6 : 1e6;
        return level * Math.Exp(0.15 * Gaussian(random));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void The_daily_rhythm_is_learned_on_the_first_day_and_raises_no_alarm_afterwards()
    {
        var random = new Random(7);
        var baseline = new TrafficBaseline();
        var alarms = 0;
        for (long b = 0; b < 24 * 14; b++)
            if (baseline.Update(Diurnal(b, random), Monday + b).IsAlarm)
                alarms++;
        alarms.Should().BeLessThanOrEqualTo(2, "14 days of a steady rhythm with 15% noise");
    }

    [Fact]
    public void Without_the_hour_of_day_offsets_the_daily_swing_hides_a_tenfold_office_hour()
    {
        static BaselineVerdict SpikeOnDayThree(bool daily)
        {
            var random = new Random(7);
            var baseline = new TrafficBaseline(new BaselineOptions { DailySeasonality = daily });
            for (long b = 0; b < 24 * 2 + 11; b++)
                baseline.Update(Diurnal(b, random), Monday + b);
            return baseline.Update(500e6, Monday + 24 * 2 + 11);
        }

        SpikeOnDayThree(daily: true).IsAlarm.Should().BeTrue();
        SpikeOnDayThree(daily: false).IsAlarm.Should().BeFalse(
            "the plain Groovescale model learns the whole day's swing as its variance");
    }

    [Fact]
    public void A_tenfold_hour_alarms_with_its_ratio_and_does_not_teach_the_baseline()
    {
        var random = new Random(3);
        var baseline = new TrafficBaseline();
        for (long b = 0; b < 24 * 2 + 14; b++)
            baseline.Update(Diurnal(b, random), Monday + b);

        var spike = baseline.Update(500e6, Monday + 24 * 2 + 14);
        spike.IsAlarm.Should().BeTrue();
        spike.Model.Should().Be(BaselineModel.Ewma);
        spike.Ratio.Should().BeInRange(5, 20);
        spike.Deviation.Should().BeGreaterThan(3);
        spike.High.Should().BeLessThan(500e6).And.BeGreaterThan(spike.Expected);

        // The same hour of the next day is judged against the old normal, not the spike.
        for (long b = 24 * 2 + 15; b < 24 * 3 + 14; b++)
            baseline.Update(Diurnal(b, random), Monday + b);
        var again = baseline.Update(500e6, Monday + 24 * 3 + 14);
        again.IsAlarm.Should().BeTrue();
    }

    [Fact]
    public void Nothing_alarms_during_the_warm_up()
    {
        var baseline = new TrafficBaseline();
        for (long b = 0; b < 24; b++)
        {
            var verdict = baseline.Update(b == 12 ? 1e12 : 1e6, Monday + b);
            verdict.IsReady.Should().BeFalse();
            verdict.IsAlarm.Should().BeFalse();
        }
    }

    [Fact]
    public void The_seasonal_model_takes_over_after_three_days_and_weekday_slots_after_two_weeks()
    {
        var random = new Random(11);
        var baseline = new TrafficBaseline();
        var models = new List<BaselineModel>();
        for (long b = 0; b < 24 * 15; b++)
            models.Add(baseline.Update(Diurnal(b, random), Monday + b).Model);
        models[24 * 2].Should().Be(BaselineModel.Ewma);
        models[24 * 3].Should().Be(BaselineModel.HourOfDay);
        models[24 * 14].Should().Be(BaselineModel.HourOfWeek);
    }

    [Fact]
    public void The_seasonal_model_expects_a_quiet_weekend_hour_to_be_quiet()
    {
        // Weekdays busy, weekends a tenth: after two weeks a busy Saturday noon is an alarm that a weekday noon is not.
        var baseline = new TrafficBaseline();
        var random = new Random(5);
        for (long b = 0; b < 24 * 19 + 12; b++)
        {
            var weekend = (b / 24) % 7 >= 5;
            baseline.Update(Diurnal(b, random) * (weekend ? 0.1 : 1), Monday + b);
        }
        var saturdayNoon = baseline.Update(50e6, Monday + 24 * 19 + 12);
        saturdayNoon.Model.Should().Be(BaselineModel.HourOfWeek);
        saturdayNoon.IsAlarm.Should().BeTrue();
    }

    [Fact]
    public void Options_out_of_range_are_named()
    {
        var act = () => new TrafficBaseline(new BaselineOptions { Alpha = 1.5 });
        act.Should().Throw<ArgumentException>().WithMessage("*Alpha*");
        var warmup = () => new EwmaBaseline(new BaselineOptions { WarmupBuckets = 12 });
        warmup.Should().Throw<ArgumentException>().WithMessage("*whole day*");
    }
}
