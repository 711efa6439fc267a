namespace Fennec.Flows.Assembly;

/// <summary>
/// Count, minimum, maximum, mean and variance of a stream of values, in place. Values are summed as offsets from the
/// first one (the shifted-data method): an update is a subtraction and two additions, with no division (Welford's
/// update divided twice per packet, the flow table's costliest step), and values far from zero but close together,
/// such as inter-arrival times in nanoseconds, keep their precision.
/// </summary>
public struct RunningStatistics
{
    /// <summary>Values added.</summary>
    public long Count;

    /// <summary>Smallest value (0 before the first).</summary>
    public double Min;

    /// <summary>Largest value (0 before the first).</summary>
    public double Max;

    private double _shift;
    private double _sum;
    private double _sumOfSquares;

    /// <summary>Adds one value.</summary>
    public void Add(double value)
    {
        if (Count++ == 0)
        {
            Min = Max = _shift = value;
            return;
        }

        if (value < Min)
            Min = value;
        if (value > Max)
            Max = value;
        var offset = value - _shift;
        _sum += offset;
        _sumOfSquares += offset * offset;
    }

    /// <summary>The mean (0 before the first value).</summary>
    public readonly double Mean => Count == 0 ? 0 : _shift + (_sum / Count);

    /// <summary>Sum of squared deviations from the mean.</summary>
    public readonly double M2 => Count < 2 ? 0 : Math.Max(0, _sumOfSquares - (_sum * _sum / Count));

    /// <summary>Population standard deviation (0 for fewer than two values).</summary>
    public readonly double StandardDeviation => Count < 2 ? 0 : Math.Sqrt(M2 / Count);

    /// <summary>Sample standard deviation (n - 1), as nfstream reports it.</summary>
    public readonly double SampleStandardDeviation => Count < 2 ? 0 : Math.Sqrt(M2 / (Count - 1));
}
