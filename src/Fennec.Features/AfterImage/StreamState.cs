using System.Runtime.InteropServices;

namespace Fennec.Features.AfterImage;

/// <summary>
/// One damped 1D stream at one decay factor: decayed linear sum, sum of squares and weight, with the lazily
/// cached mean, variance and standard deviation. The caches are cleared by an insert only, never by decay: the
/// reference reads them that way, and a port that recomputes them gives different features. The stream's last
/// time is kept once per stream by the table: decay happens at the same moments at every λ.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StreamState : IScalable
{
    public const double InitialWeight = 1e-20;

    private const byte MeanCached = 1, VarianceCached = 2, StdCached = 4, MeanSquaredCached = 8, VarianceSquaredCached = 16;

    public double LinearSum;
    public double SquareSum;
    public double Weight;
    private double _mean;
    private double _variance;
    private double _std;

    // pow(mean, 2) and pow(variance, 2) of the cached values: pow is the costliest call here, and the same cached
    // mean or variance is squared again by the pair statistics (same input, so the same bits).
    private double _meanSquared;
    private double _varianceSquared;
    private byte _cached;

    public static StreamState Create() => new() { Weight = InitialWeight };

    /// <summary>Multiplies the sums by a decay factor (caches are kept, as in the reference).</summary>
    public void Scale(double factor)
    {
        LinearSum *= factor;
        SquareSum *= factor;
        Weight *= factor;
    }

    /// <summary>Adds a value whose square is <paramref name="square"/> = pow(value, 2), and clears the caches.</summary>
    public void Add(double value, double square)
    {
        LinearSum += value;
        SquareSum += square;
        Weight += 1;
        _cached = 0;
    }

    public double Mean()
    {
        if ((_cached & MeanCached) == 0)
        {
            _mean = LinearSum / Weight;
            _cached |= MeanCached;
        }

        return _mean;
    }

    public double Variance()
    {
        if ((_cached & VarianceCached) == 0)
        {
            _variance = Math.Abs((SquareSum / Weight) - MeanSquared());
            _cached |= VarianceCached;
        }

        return _variance;
    }

    /// <summary>pow(Mean(), 2), cached with the mean.</summary>
    public double MeanSquared()
    {
        if ((_cached & MeanSquaredCached) == 0)
        {
            _meanSquared = Square.Of(Mean());
            _cached |= MeanSquaredCached;
        }

        return _meanSquared;
    }

    /// <summary>pow(Variance(), 2), cached with the variance.</summary>
    public double VarianceSquared()
    {
        if ((_cached & VarianceSquaredCached) == 0)
        {
            _varianceSquared = Square.Of(Variance());
            _cached |= VarianceSquaredCached;
        }

        return _varianceSquared;
    }

    public double Std()
    {
        if ((_cached & StdCached) == 0)
        {
            _std = Math.Sqrt(Variance());
            _cached |= StdCached;
        }

        return _std;
    }

    /// <summary>Weight, mean and variance, recomputed and stored in the caches (the std cache is left alone).</summary>
    public void WriteStatistics(Span<double> destination)
    {
        var mean = LinearSum / Weight;
        var meanSquared = Square.Of(mean);
        var variance = Math.Abs((SquareSum / Weight) - meanSquared);
        _mean = mean;
        _meanSquared = meanSquared;
        _variance = variance;
        _cached = (byte)((_cached & StdCached) | MeanCached | MeanSquaredCached | VarianceCached);
        destination[0] = Weight;
        destination[1] = mean;
        destination[2] = variance;
    }

    internal readonly StreamSnapshot Save() => new(LinearSum, SquareSum, Weight, _mean, _variance, _std, _meanSquared, _varianceSquared, _cached);

    internal static StreamState Restore(in StreamSnapshot s) => new()
    {
        LinearSum = s.LinearSum,
        SquareSum = s.SquareSum,
        Weight = s.Weight,
        _mean = s.Mean,
        _variance = s.Variance,
        _std = s.Std,
        _meanSquared = s.MeanSquared,
        _varianceSquared = s.VarianceSquared,
        _cached = s.Cached,
    };
}

/// <summary>Every field of a <see cref="StreamState"/>, caches included, for saving a model.</summary>
internal readonly record struct StreamSnapshot(
    double LinearSum, double SquareSum, double Weight, double Mean, double Variance, double Std, double MeanSquared, double VarianceSquared,
    byte Cached);
