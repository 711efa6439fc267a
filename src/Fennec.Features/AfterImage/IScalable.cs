using System.Runtime.CompilerServices;

namespace Fennec.Features.AfterImage;

/// <summary>Statistics at one decay factor whose sums a decay multiplies by the factor.</summary>
internal interface IScalable
{
    /// <summary>Multiplies the decayed sums by <paramref name="factor"/>.</summary>
    void Scale(double factor);
}

/// <summary>Decays of one stream's states at all five λ (a pair's are lanes: <see cref="PairState.Scale"/>).</summary>
internal static class Decays
{
    /// <summary>
    /// Scales the five states (one per λ) by their factors: unrolled, because a pair walk decays every partner this
    /// way, where loop counters and bounds checks cost as much as the multiplications.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ScaleAll<TState>(Span<TState> states, ReadOnlySpan<double> factors)
        where TState : struct, IScalable
    {
        _ = states[DecayFactors.Count - 1];
        _ = factors[DecayFactors.Count - 1];
        states[0].Scale(factors[0]);
        states[1].Scale(factors[1]);
        states[2].Scale(factors[2]);
        states[3].Scale(factors[3]);
        states[4].Scale(factors[4]);
    }
}
