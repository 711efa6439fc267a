namespace Fennec.Features.AfterImage;

/// <summary>
/// The joint statistics of two streams at one decay factor: the decayed sum of residual products, its own decayed
/// weight, and the last residual of each side. The pair's last time is kept once per pair by the table.
/// </summary>
internal struct PairState
{
    public double ProductSum;
    public double Weight;
    public double Residual0;
    public double Residual1;

    public static PairState Create() => new() { Weight = StreamState.InitialWeight };

    /// <summary>
    /// Decays the pair's own sums. The reference also decays the residual about to be overwritten (to no effect);
    /// the other side's last residual is used undecayed.
    /// </summary>
    public void Scale(double factor)
    {
        ProductSum *= factor;
        Weight *= factor;
    }

    /// <summary>Adds the residual of side <paramref name="side"/> times the other side's last residual.</summary>
    public void Add(int side, double residual)
    {
        if (side == 0)
            AddFirst(residual);
        else
            AddSecond(residual);
    }

    /// <summary>Adds the first side's residual times the second side's last residual.</summary>
    public void AddFirst(double residual)
    {
        ProductSum += residual * Residual1;
        Residual0 = residual;
        Weight += 1;
    }

    /// <summary>Adds the second side's residual times the first side's last residual.</summary>
    public void AddSecond(double residual)
    {
        ProductSum += residual * Residual0;
        Residual1 = residual;
        Weight += 1;
    }
}
