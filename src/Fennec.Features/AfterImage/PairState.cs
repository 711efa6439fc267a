namespace Fennec.Features.AfterImage;

/// <summary>
/// The joint statistics of two streams at one decay factor: the decayed sum of residual products, its own decayed
/// weight, and the last residual of each side.
/// </summary>
internal struct PairState
{
    public double ProductSum;
    public double Weight;
    public double LastTime;
    public double Residual0;
    public double Residual1;

    public static PairState Create(double time) => new() { Weight = StreamState.InitialWeight, LastTime = time };

    /// <summary>
    /// Adds the residual of side <paramref name="side"/>. Only the pair's own sums decay here: the residual about to
    /// be overwritten would decay to no effect, and the other side's last residual is used undecayed (as the
    /// reference does).
    /// </summary>
    public void Add(int side, double lambda, double residual, double time)
    {
        var dt = time - LastTime;
        if (dt > 0)
        {
            var factor = Math.Pow(2.0, -lambda * dt);
            ProductSum *= factor;
            Weight *= factor;
            LastTime = time;
        }

        if (side == 0)
        {
            ProductSum += residual * Residual1;
            Residual0 = residual;
        }
        else
        {
            ProductSum += residual * Residual0;
            Residual1 = residual;
        }

        Weight += 1;
    }

    public readonly double WeightAt(double lambda, double time)
    {
        var dt = time - LastTime;
        return dt > 0 ? Weight * Math.Pow(2.0, -lambda * dt) : Weight;
    }
}
