namespace Fennec.Detection.Baselines;

/// <summary>
/// The Groovescale minimum viable model on one series: an exponentially weighted mean and variance, alarming past
/// mean + k standard deviations; optionally with an hour-of-day offset learned on top of the level (additive on the
/// log scale, as in Holt-Winters), so that the daily rhythm of a network is expected rather than flagged.
/// </summary>
/// <remarks>
/// The first <see cref="BaselineOptions.WarmupBuckets"/> values only teach: the level is their mean, each hour's
/// offset its distance from the mean, and the variance half the variance of successive differences (noise, not the
/// daily swing). After that every value is first judged, then learned with its residual clipped to k standard
/// deviations, so that an attack does not teach the baseline that attacks are normal.
/// </remarks>
public sealed class EwmaBaseline
{
    private readonly BaselineOptions _options;
    private readonly double[] _offsets;
    private readonly double[] _warmup;
    private int _seen;
    private double _level;
    private double _variance;

    /// <summary>Creates a baseline that has seen nothing.</summary>
    public EwmaBaseline(BaselineOptions? options = null)
    {
        _options = options ?? new BaselineOptions();
        _options.Validate();
        _offsets = new double[_options.DailySeasonality ? _options.BucketsPerDay : 1];
        _warmup = new double[_options.WarmupBuckets];
    }

    /// <summary>Values seen so far.</summary>
    public int Seen => _seen;

    /// <summary>The current standard deviation on the log scale (never below the configured floor).</summary>
    public double LogStd => Math.Max(Math.Sqrt(_variance), _options.MinimumLogStd);

    /// <summary>Judges <paramref name="value"/> (the bucket at position <paramref name="slot"/> of its day), then learns it.</summary>
    public BaselineVerdict Update(double value, int slot)
    {
        var y = Math.Log(1 + Math.Max(0, value));
        var offset = _options.DailySeasonality ? Mod(slot, _offsets.Length) : 0;
        if (_seen < _warmup.Length)
        {
            _warmup[_seen++] = y;
            if (_seen == _warmup.Length)
                Initialise(slot);
            return new BaselineVerdict(BaselineModel.Warmup, value, 0, 0, 0, 0, false);
        }

        _seen++;
        var predicted = _level + _offsets[offset];
        var verdict = Judge(value, y, predicted, LogStd, _options.Sigmas, BaselineModel.Ewma);

        var limit = _options.Sigmas * LogStd;
        var residual = Math.Clamp(y - predicted, -limit, limit);
        var alpha = _options.Alpha;
        _level += alpha * residual;
        if (_options.DailySeasonality)
            _offsets[offset] += _options.SeasonalAlpha * (1 - alpha) * residual;
        _variance = (1 - alpha) * _variance + alpha * residual * residual;
        return verdict;
    }

    /// <summary>The verdict for a log-scale observation against a predicted log value and a log-scale deviation.</summary>
    internal static BaselineVerdict Judge(double value, double y, double predicted, double std, double sigmas, BaselineModel model)
    {
        var deviation = (y - predicted) / std;
        return new BaselineVerdict(
            model, value,
            Expected: Math.Max(0, Math.Exp(predicted) - 1),
            Low: Math.Max(0, Math.Exp(predicted - sigmas * std) - 1),
            High: Math.Exp(predicted + sigmas * std) - 1,
            Deviation: deviation,
            IsAlarm: deviation > sigmas);
    }

    private void Initialise(int lastSlot)
    {
        var n = _warmup.Length;
        _level = _warmup.Average();
        if (_options.DailySeasonality)
        {
            // Each warm-up value belongs to the slot counted back from the last one; average per slot.
            Span<int> counts = stackalloc int[_offsets.Length];
            for (var i = 0; i < n; i++)
            {
                var slot = Mod(lastSlot - (n - 1 - i), _offsets.Length);
                _offsets[slot] += _warmup[i] - _level;
                counts[slot]++;
            }
            for (var s = 0; s < _offsets.Length; s++)
                if (counts[s] > 0)
                    _offsets[s] /= counts[s];
        }

        double sum = 0;
        for (var i = 1; i < n; i++)
        {
            var d = _warmup[i] - _warmup[i - 1];
            sum += d * d;
        }
        var differenceVariance = sum / (n - 1) / 2;
        _variance = _options.DailySeasonality
            ? differenceVariance
            : Math.Max(differenceVariance, Variance(_warmup, _level));
    }

    private static double Variance(double[] values, double mean)
    {
        double sum = 0;
        foreach (var v in values)
            sum += (v - mean) * (v - mean);
        return sum / values.Length;
    }

    private static int Mod(int value, int modulus) => ((value % modulus) + modulus) % modulus;
}
