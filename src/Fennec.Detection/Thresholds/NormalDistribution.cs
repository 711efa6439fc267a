namespace Fennec.Detection.Thresholds;

/// <summary>The standard normal distribution's tails, to double precision far into the tail.</summary>
public static class NormalDistribution
{
    /// <summary>P(Z &gt; z) for a standard normal Z.</summary>
    public static double UpperTail(double z)
    {
        if (double.IsNaN(z))
            return double.NaN;
        var lower = LowerTailOfNegative(Math.Abs(z));
        return z >= 0 ? lower : 1 - lower;
    }

    /// <summary>
    /// Φ(-x) for x ≥ 0 by Hart's rational approximation (as published by G. West, "Better approximations to
    /// cumulative normal functions", 2005), accurate to about 1e-15 relative across the range.
    /// </summary>
    private static double LowerTailOfNegative(double x)
    {
        if (x > 37)
            return 0;
        var exponential = Math.Exp(-x * x / 2);
        if (x < 7.07106781186547)
        {
            var numerator = 3.52624965998911E-02;
            numerator = (numerator * x) + 0.700383064443688;
            numerator = (numerator * x) + 6.37396220353165;
            numerator = (numerator * x) + 33.912866078383;
            numerator = (numerator * x) + 112.079291497871;
            numerator = (numerator * x) + 221.213596169931;
            numerator = (numerator * x) + 220.206867912376;
            var denominator = 8.83883476483184E-02;
            denominator = (denominator * x) + 1.75566716318264;
            denominator = (denominator * x) + 16.064177579207;
            denominator = (denominator * x) + 86.7807322029461;
            denominator = (denominator * x) + 296.564248779674;
            denominator = (denominator * x) + 637.333633378831;
            denominator = (denominator * x) + 793.826512519948;
            denominator = (denominator * x) + 440.413735824752;
            return exponential * numerator / denominator;
        }

        var fraction = x + 0.65;
        fraction = x + (4 / fraction);
        fraction = x + (3 / fraction);
        fraction = x + (2 / fraction);
        fraction = x + (1 / fraction);
        return exponential / fraction / 2.506628274631;
    }
}
