using System.Runtime.CompilerServices;

namespace Fennec.Features.AfterImage;

/// <summary>
/// The joint statistics of two streams at one decay factor: the decayed sum of residual products, its own decayed
/// weight, and the last residual of each side. The pair's last time is kept once per pair by the table.
/// </summary>
internal struct PairState : IScalable
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

    /// <summary>Adds side <paramref name="side"/>'s residual at every λ, unrolled as <see cref="Decays.ScaleAll"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddAll(Span<PairState> states, int side, ReadOnlySpan<double> residuals)
    {
        _ = states[DecayFactors.Count - 1];
        _ = residuals[DecayFactors.Count - 1];
        if (side == 0)
        {
            states[0].AddFirst(residuals[0]);
            states[1].AddFirst(residuals[1]);
            states[2].AddFirst(residuals[2]);
            states[3].AddFirst(residuals[3]);
            states[4].AddFirst(residuals[4]);
        }
        else
        {
            states[0].AddSecond(residuals[0]);
            states[1].AddSecond(residuals[1]);
            states[2].AddSecond(residuals[2]);
            states[3].AddSecond(residuals[3]);
            states[4].AddSecond(residuals[4]);
        }
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
