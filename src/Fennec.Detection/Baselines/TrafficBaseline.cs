namespace Fennec.Detection.Baselines;

/// <summary>
/// The baseline of one traffic series (one metric of one host or of the whole site, one value per bucket): the
/// EWMA model from the start, the robust seasonal model once it has seen enough days of the bucket's hour.
/// Feed buckets in time order, with empty buckets as zeros.
/// </summary>
public sealed class TrafficBaseline
{
    private readonly EwmaBaseline _ewma;
    private readonly SeasonalBaseline _seasonal;
    private readonly int _bucketsPerDay;

    /// <summary>Creates a baseline that has seen nothing.</summary>
    public TrafficBaseline(BaselineOptions? options = null)
    {
        options ??= new BaselineOptions();
        _ewma = new EwmaBaseline(options);
        _seasonal = new SeasonalBaseline(options);
        _bucketsPerDay = options.BucketsPerDay;
    }

    /// <summary>Judges the value of bucket number <paramref name="bucket"/> (counted from the Unix epoch), then learns it.</summary>
    public BaselineVerdict Update(double value, long bucket)
    {
        var ewma = _ewma.Update(value, (int)(((bucket % _bucketsPerDay) + _bucketsPerDay) % _bucketsPerDay));
        var seasonal = _seasonal.Update(value, bucket);
        return seasonal.IsReady ? seasonal : ewma;
    }
}
