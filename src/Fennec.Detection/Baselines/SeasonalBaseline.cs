namespace Fennec.Detection.Baselines;

/// <summary>
/// The robust seasonal baseline of one series: the median and the median absolute deviation of the same hour of the
/// day over the previous days, or of the same hour of the same weekday once enough weeks are seen. It is ready only
/// when a slot holds enough days; until then <see cref="TrafficBaseline"/> relies on the EWMA.
/// </summary>
public sealed class SeasonalBaseline
{
    // 1.4826 * MAD estimates the standard deviation of normal data.
    private const double MadToStd = 1.4826;
    private readonly BaselineOptions _options;
    private readonly SlotHistory[] _hourOfDay;
    private readonly SlotHistory[] _hourOfWeek;

    /// <summary>Creates a baseline that has seen nothing.</summary>
    public SeasonalBaseline(BaselineOptions? options = null)
    {
        _options = options ?? new BaselineOptions();
        _options.Validate();
        _hourOfDay = NewSlots(_options.BucketsPerDay, _options.SeasonalWindowDays);
        _hourOfWeek = NewSlots(_options.BucketsPerDay * 7, Math.Max(_options.WeeklyMinimumWeeks, _options.SeasonalWindowDays / 7));
    }

    /// <summary>Judges <paramref name="value"/> of the bucket numbered <paramref name="bucket"/> since the Unix epoch, then keeps it.</summary>
    public BaselineVerdict Update(double value, long bucket)
    {
        var y = Math.Log(1 + Math.Max(0, value));
        var perDay = _options.BucketsPerDay;
        var day = (int)(((bucket % perDay) + perDay) % perDay);
        // 1970-01-01 was a Thursday; counting weeks from a Monday keeps weekdays in calendar order.
        var perWeek = perDay * 7L;
        var week = (int)((((bucket + 3 * perDay) % perWeek) + perWeek) % perWeek);

        var verdict = new BaselineVerdict(BaselineModel.Warmup, value, 0, 0, 0, 0, false);
        if (_hourOfWeek[week].Count >= _options.WeeklyMinimumWeeks)
            verdict = _hourOfWeek[week].Judge(value, y, _options, BaselineModel.HourOfWeek);
        else if (_hourOfDay[day].Count >= _options.SeasonalMinimumDays)
            verdict = _hourOfDay[day].Judge(value, y, _options, BaselineModel.HourOfDay);

        _hourOfDay[day].Add(y);
        _hourOfWeek[week].Add(y);
        return verdict;
    }

    private static SlotHistory[] NewSlots(int count, int depth)
    {
        var slots = new SlotHistory[count];
        for (var i = 0; i < count; i++)
            slots[i] = new SlotHistory(depth);
        return slots;
    }

    /// <summary>The last few values of one slot, oldest overwritten first.</summary>
    private sealed class SlotHistory(int depth)
    {
        private readonly double[] _values = new double[depth];
        private readonly double[] _scratch = new double[depth];
        private int _next;

        public int Count { get; private set; }

        public void Add(double y)
        {
            _values[_next] = y;
            _next = (_next + 1) % _values.Length;
            Count = Math.Min(Count + 1, _values.Length);
        }

        public BaselineVerdict Judge(double value, double y, BaselineOptions options, BaselineModel model)
        {
            var span = _scratch.AsSpan(0, Count);
            _values.AsSpan(0, Count).CopyTo(span);
            var median = Median(span);
            for (var i = 0; i < span.Length; i++)
                span[i] = Math.Abs(span[i] - median);
            var std = Math.Max(MadToStd * Median(span), options.MinimumLogStd);
            return EwmaBaseline.Judge(value, y, median, std, options.Sigmas, model);
        }

        private static double Median(Span<double> values)
        {
            values.Sort();
            var mid = values.Length / 2;
            return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
        }
    }
}
