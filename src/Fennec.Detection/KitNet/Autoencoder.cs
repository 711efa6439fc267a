namespace Fennec.Detection.KitNet;

/// <summary>
/// One of KitNET's autoencoders: Kitsune's denoising autoencoder with corruption 0, that is a plain autoencoder with
/// tied weights (the decoder uses Wᵀ), sigmoid units, per-input min-max normalisation learnt online, and one step of
/// gradient descent per training sample. Its score is the RMSE of the reconstruction of the normalised input.
/// </summary>
/// <remarks>
/// The arithmetic follows the reference operation for operation (SPEC §4.3–4.4): dot products are sequential sums in
/// increasing index order from 0.0, as netlib BLAS computes them; the mean of the squared errors is NumPy's pairwise
/// sum; the sigmoid is <c>1 / (1 + exp(-a))</c>. An instance is not thread-safe: it reuses scratch buffers so that
/// <see cref="Train"/> and <see cref="Execute"/> allocate nothing.
/// </remarks>
public sealed partial class Autoencoder
{
    /// <summary>The seed of every autoencoder's weight generator: same-size autoencoders start identical.</summary>
    public const uint WeightSeed = 1234;

    /// <summary>Added to every input's range before dividing, so a constant input normalises to 0.</summary>
    public const double RangeEpsilon = 1e-16;

    private readonly double[] _weights;
    private readonly double[] _hiddenBias;
    private readonly double[] _visibleBias;
    private readonly double[] _normMin;
    private readonly double[] _normMax;

    // The biases are padded with zeros to whole vectors, as is the scratch: the normalised input, the error, the hidden
    // gradient and the squared errors.
    private readonly double[] _normalised;
    private readonly double[] _error;
    private readonly double[] _hiddenGradient;
    private readonly double[] _squares;

    /// <summary>A fresh autoencoder: weights drawn from <c>RandomState(1234)</c>, biases 0, no input range yet.</summary>
    /// <param name="visible">Inputs (at least 1).</param>
    /// <param name="hiddenRatio">Hidden units per input: the hidden layer has <c>ceil(visible · hiddenRatio)</c> units.</param>
    /// <param name="learningRate">The gradient step.</param>
    public Autoencoder(int visible, double hiddenRatio, double learningRate)
        : this(visible, HiddenUnits(visible, hiddenRatio), CheckRate(learningRate))
    {
        // W = uniform(-1/visible, 1/visible), drawn row-major from a fresh generator, as numpy's legacy uniform does it.
        var bound = 1.0 / visible;
        var width = bound - -bound;
        var random = new Mt19937(WeightSeed);
        for (var k = 0; k < _weights.Length; k++)
            _weights[k] = -bound + (width * random.NextDouble());
        _normMin.AsSpan().Fill(double.PositiveInfinity);
        _normMax.AsSpan().Fill(double.NegativeInfinity);
        CopyWeightsToLayers();
    }

    private Autoencoder(int visible, int hidden, double learningRate)
    {
        Visible = visible;
        Hidden = hidden;
        LearningRate = learningRate;
        _weights = new double[visible * hidden];
        _hiddenBias = new double[RoundUp(hidden)];
        _visibleBias = new double[RoundUp(visible)];
        _normMin = new double[visible];
        _normMax = new double[visible];
        _normalised = new double[RoundUp(visible)];
        _error = new double[RoundUp(visible)];
        _hiddenGradient = new double[RoundUp(hidden)];
        _squares = new double[RoundUp(visible)];
        (_encoder, _decoder, _ranges, _lanes) = ExecutionBuffers(visible, hidden);
    }

    /// <summary>Inputs.</summary>
    public int Visible { get; }

    /// <summary>Hidden units.</summary>
    public int Hidden { get; }

    /// <summary>The gradient step.</summary>
    public double LearningRate { get; }

    /// <summary>Training samples seen (the reference's <c>n</c>).</summary>
    public long TrainCount { get; private set; }

    /// <summary>The weights, <see cref="Visible"/> rows of <see cref="Hidden"/> values (row-major).</summary>
    public ReadOnlySpan<double> Weights
    {
        get
        {
            if (_weightsStale)
                CopyWeightsFromEncoder();
            return _weights;
        }
    }

    /// <summary>The hidden layer's biases.</summary>
    public ReadOnlySpan<double> HiddenBias => _hiddenBias.AsSpan(0, Hidden);

    /// <summary>The reconstruction layer's biases.</summary>
    public ReadOnlySpan<double> VisibleBias => _visibleBias.AsSpan(0, Visible);

    /// <summary>
    /// The squared reconstruction error of each input for the last vector scored or trained on (before the step), whose
    /// mean is the square of the RMSE returned.
    /// </summary>
    internal ReadOnlySpan<double> LastSquaredErrors => _squares.AsSpan(0, Visible);

    /// <summary>The smallest value seen per input (+∞ before training).</summary>
    public ReadOnlySpan<double> NormMin => _normMin;

    /// <summary>The largest value seen per input (-∞ before training).</summary>
    public ReadOnlySpan<double> NormMax => _normMax;

    /// <summary>The hidden layer's size for <paramref name="visible"/> inputs: <c>ceil(visible · hiddenRatio)</c>.</summary>
    public static int HiddenUnits(int visible, double hiddenRatio)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(visible, 1);
        if (!double.IsFinite(hiddenRatio) || hiddenRatio <= 0)
            throw new ArgumentOutOfRangeException(nameof(hiddenRatio), hiddenRatio, "the hidden ratio must be positive and finite");
        return checked((int)Math.Ceiling(visible * hiddenRatio));
    }

    /// <summary>An autoencoder in a saved state (what the properties of a trained one hold); the arrays are copied.</summary>
    /// <exception cref="ArgumentException">An array's length does not fit <paramref name="visible"/> and <paramref name="hidden"/>.</exception>
    public static Autoencoder Restore(
        int visible,
        int hidden,
        double learningRate,
        long trainCount,
        ReadOnlySpan<double> weights,
        ReadOnlySpan<double> hiddenBias,
        ReadOnlySpan<double> visibleBias,
        ReadOnlySpan<double> normMin,
        ReadOnlySpan<double> normMax)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(visible, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(trainCount);
        var restored = new Autoencoder(visible, hidden, CheckRate(learningRate)) { TrainCount = trainCount };
        CopyExact(weights, restored._weights, nameof(weights));
        CopyExact(hiddenBias, restored._hiddenBias.AsSpan(0, hidden), nameof(hiddenBias));
        CopyExact(visibleBias, restored._visibleBias.AsSpan(0, visible), nameof(visibleBias));
        CopyExact(normMin, restored._normMin, nameof(normMin));
        CopyExact(normMax, restored._normMax, nameof(normMax));
        restored.CopyWeightsToLayers();
        restored.UpdateRanges();
        return restored;
    }

    /// <summary>
    /// One training step on <paramref name="x"/>: widens the input ranges, normalises, reconstructs, and moves the
    /// weights and biases one gradient step.
    /// </summary>
    /// <returns>The reconstruction RMSE before the step.</returns>
    public double Train(ReadOnlySpan<double> x)
    {
        CheckInput(x);
        BeginTraining(x);
        var rmse = Decode();
        FinishTraining();
        return rmse;
    }

    /// <summary>
    /// Training's first part: widens the ranges with <paramref name="x"/> (whose length the caller has checked) and
    /// computes the hidden layer. <see cref="Decode"/> then gives the RMSE and <see cref="FinishTraining"/> takes the
    /// step; KitNET runs each part for every member before the next, so the members' chains of dependent operations
    /// overlap. Each member's arithmetic is the same as <see cref="Train"/>'s.
    /// </summary>
    internal void BeginTraining(ReadOnlySpan<double> x)
    {
        TrainCount++;
        WidenRanges(x);
        Encode(x);
    }

    /// <summary>Training's last part, after <see cref="BeginTraining"/> and <see cref="Decode"/>: the gradient step.</summary>
    internal void FinishTraining()
    {
        ComputeHiddenGradient();
        Step();
    }

    /// <summary>
    /// The reconstruction RMSE of <paramref name="x"/>, normalised with the ranges learnt so far (no update, no
    /// clipping: inputs outside the ranges give values outside [0, 1] and scores can be large).
    /// </summary>
    public double Execute(ReadOnlySpan<double> x)
    {
        CheckInput(x);
        return ExecuteUnchecked(x);
    }

    private static double Sigmoid(double a) => 1.0 / (1.0 + Math.Exp(-a));

    private void CheckInput(ReadOnlySpan<double> x)
    {
        if (x.Length != Visible)
            throw new ArgumentException($"the autoencoder has {Visible} inputs, got {x.Length}", nameof(x));
    }

    private static double CheckRate(double learningRate)
    {
        if (!double.IsFinite(learningRate) || learningRate <= 0)
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "the learning rate must be positive and finite");
        return learningRate;
    }

    private static void CopyExact(ReadOnlySpan<double> source, Span<double> target, string name)
    {
        if (source.Length != target.Length)
            throw new ArgumentException($"expected {target.Length} values, got {source.Length}", name);
        source.CopyTo(target);
    }
}
