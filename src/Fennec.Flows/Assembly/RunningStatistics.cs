namespace Fennec.Flows.Assembly;

/// <summary>Count, minimum, maximum, mean and variance of a stream of values (Welford's update), in place.</summary>
public struct RunningStatistics
{
    /// <summary>Values added.</summary>
    public long Count;

    /// <summary>Smallest value (0 before the first).</summary>
    public double Min;

    /// <summary>Largest value (0 before the first).</summary>
    public double Max;

    /// <summary>Running mean.</summary>
    public double Mean;

    /// <summary>Sum of squared deviations from the mean.</summary>
    public double M2;

    /// <summary>Adds one value.</summary>
    public void Add(double value)
    {
        Count++;
        if (Count == 1)
        {
            Min = Max = Mean = value;
            M2 = 0;
            return;
        }

        if (value < Min)
            Min = value;
        if (value > Max)
            Max = value;
        var delta = value - Mean;
        Mean += delta / Count;
        M2 += delta * (value - Mean);
    }

    /// <summary>Population standard deviation (0 for fewer than two values).</summary>
    public readonly double StandardDeviation => Count < 2 ? 0 : Math.Sqrt(M2 / Count);

    /// <summary>Sample standard deviation (n - 1), as nfstream reports it.</summary>
    public readonly double SampleStandardDeviation => Count < 2 ? 0 : Math.Sqrt(M2 / (Count - 1));
}
