namespace Fennec.Features.AfterImage;

/// <summary>
/// The decay factors 2^(-λ·dt) of all five λ for the last time gap seen. A sender's pairs were all last touched at
/// the same moment, so walking them asks for the same gap again and again; reusing the factors gives the same bits
/// as calling pow, at a fraction of the cost.
/// </summary>
internal sealed class DecayMemo
{
    private readonly double[] _factors = new double[DecayFactors.Count];
    private readonly double[] _negatedLambdas;
    private double _gap = double.NaN;

    public DecayMemo()
    {
        _negatedLambdas = new double[DecayFactors.Count];
        for (var k = 0; k < _negatedLambdas.Length; k++)
            _negatedLambdas[k] = -DecayFactors.Values[k];
    }

    /// <summary>The five factors for a gap of <paramref name="dt"/> seconds (dt &gt; 0), evaluated as the reference does: pow(2, (-λ)·dt).</summary>
    public ReadOnlySpan<double> Factors(double dt)
    {
        if (dt != _gap)
        {
            for (var k = 0; k < _factors.Length; k++)
                _factors[k] = Math.Pow(2.0, _negatedLambdas[k] * dt);
            _gap = dt;
        }

        return _factors;
    }
}
