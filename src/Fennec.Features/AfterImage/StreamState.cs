using System.Runtime.InteropServices;

namespace Fennec.Features.AfterImage;

/// <summary>
/// One damped 1D stream at one decay factor: decayed linear sum, sum of squares and weight, with the lazily
/// cached mean, variance and standard deviation. The caches are cleared by an insert only, never by decay: the
/// reference reads them that way, and a port that recomputes them gives different features. The stream's last
/// time is kept once per stream by the table: decay happens at the same moments at every λ.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StreamState
{
    public const double InitialWeight = 1e-20;

    private const byte MeanCached = 1, VarianceCached = 2, StdCached = 4;

    public double LinearSum;
    public double SquareSum;
    public double Weight;
    private double _mean;
    private double _variance;
    private double _std;
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
            _variance = Math.Abs((SquareSum / Weight) - Math.Pow(Mean(), 2));
            _cached |= VarianceCached;
        }

        return _variance;
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
        var variance = Math.Abs((SquareSum / Weight) - Math.Pow(mean, 2));
        _mean = mean;
        _variance = variance;
        _cached |= MeanCached | VarianceCached;
        destination[0] = Weight;
        destination[1] = mean;
        destination[2] = variance;
    }

    internal readonly StreamSnapshot Save() => new(LinearSum, SquareSum, Weight, _mean, _variance, _std, _cached);

    internal static StreamState Restore(in StreamSnapshot s) => new()
    {
        LinearSum = s.LinearSum,
        SquareSum = s.SquareSum,
        Weight = s.Weight,
        _mean = s.Mean,
        _variance = s.Variance,
        _std = s.Std,
        _cached = s.Cached,
    };
}

/// <summary>Every field of a <see cref="StreamState"/>, caches included, for saving a model.</summary>
internal readonly record struct StreamSnapshot(
    double LinearSum, double SquareSum, double Weight, double Mean, double Variance, double Std, byte Cached);
