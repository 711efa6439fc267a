using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Fennec.Features.Numerics;

namespace Fennec.Features.AfterImage;

/// <summary>
/// The decay factors 2^(-λ·dt) of all five λ for the last time gap seen. A sender's pairs were all last touched at
/// the same moment, so walking them asks for the same gap again and again; reusing the factors gives the same bits
/// as calling pow, at a fraction of the cost.
/// </summary>
internal sealed class DecayMemo
{
    private static readonly Vector256<double> FirstLambdas = -Vector256.Create(DecayFactors.Values[..4]);
    private static readonly Vector256<double> LastLambda = Vector256.Create(-DecayFactors.Values[4]);

    // The same factors twice: as an array for the per-λ stream states, and as lanes for pairs and insert logs. Handing
    // out a span over the lanes instead (through a reference into the struct) made the simulated site's features
    // 10% slower in the published image.
    private readonly double[] _factors = new double[DecayFactors.Count];
    private LambdaLanes _lanes;
    private readonly double[] _negatedLambdas;
    private double _gap = double.NaN;

    public DecayMemo()
    {
        _negatedLambdas = new double[DecayFactors.Count];
        for (var k = 0; k < _negatedLambdas.Length; k++)
            _negatedLambdas[k] = -DecayFactors.Values[k];
    }

    /// <summary>The five factors for a gap of <paramref name="dt"/> seconds (dt &gt; 0), evaluated as the reference does: pow(2, (-λ)·dt).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<double> Factors(double dt)
    {
        // The repeat is the common case on a pair walk: inlined there, the new gap is computed out of line.
        if (dt != _gap)
            Refresh(dt);
        return _factors.AsSpan(0, DecayFactors.Count);
    }

    /// <summary>The factors of <see cref="Factors"/> as lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LambdaLanes Lanes(double dt)
    {
        if (dt != _gap)
            Refresh(dt);
        return _lanes;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Refresh(double dt)
    {
        if (VectorMath.IsExact)
        {
            // pow(2, ·) four and one at a time, the same bits (-λ·dt is the same product in a lane).
            var gap = Vector256.Create(dt);
            VectorMath.Pow2(FirstLambdas * gap).CopyTo(_factors);
            _factors[4] = VectorMath.Pow2(LastLambda * gap).GetElement(0);
        }
        else
        {
            for (var k = 0; k < _factors.Length; k++)
                _factors[k] = Math.Pow(2.0, _negatedLambdas[k] * dt);
        }

        _lanes = LambdaLanes.Load(_factors);
        _gap = dt;
    }
}
