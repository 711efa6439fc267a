using System.Runtime.CompilerServices;

namespace Fennec.Features.AfterImage;

/// <summary>
/// The joint statistics of two streams at all five decay factors: the decayed sum of residual products, its own
/// decayed weight, and the last residual of each side, each held λ by λ in <see cref="LambdaLanes"/> so that a pair
/// update is a handful of vector operations. The pair's last time is kept once per pair by the table.
/// </summary>
internal struct PairState
{
    public LambdaLanes ProductSum;
    public LambdaLanes Weight;
    public LambdaLanes Residual0;
    public LambdaLanes Residual1;

    public static PairState Create() => new() { Weight = LambdaLanes.All(StreamState.InitialWeight) };

    /// <summary>
    /// Decays the pair's own sums. The reference also decays the residual about to be overwritten (to no effect);
    /// the other side's last residual is used undecayed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Scale(in LambdaLanes factors)
    {
        ProductSum *= factors;
        Weight *= factors;
    }

    /// <summary>
    /// Adds side <paramref name="side"/>'s residual: times the other side's last residual into the product sum, and
    /// one to the weight.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int side, in LambdaLanes residual)
    {
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

        Weight += LambdaLanes.One;
    }
}
