using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fennec.Detection.KitNet;

/// <summary>
/// KitNET, the online anomaly detector of Kitsune (Mirsky et al., NDSS 2018), reproducing the reference
/// implementation's arithmetic: a feature mapper groups correlated features, an ensemble of small autoencoders (one
/// per group) reconstructs them, and an output autoencoder reconstructs the ensemble's RMSEs. The score of a vector is
/// the output autoencoder's RMSE.
/// </summary>
/// <remarks>
/// With FM and AD the two grace periods, vectors 0..FM feed the feature mapper, FM+1..FM+AD train the autoencoders
/// and every vector from FM+AD+1 on is scored; with a map given up front, all of 0..FM+AD train (SPEC §4.1). Once the
/// autoencoders exist, processing a vector allocates nothing. An instance is not thread-safe.
/// </remarks>
public sealed partial class KitNet
{
    private readonly FeatureMapper? _mapper;
    private readonly long _featureMapGrace;
    private readonly long _lastTrainingIndex;

    private int[][]? _map;
    private Autoencoder[] _ensemble = [];
    private Autoencoder? _output;

    // The map flattened: autoencoder a reads features _indices[_offsets[a] .. _offsets[a + 1]], gathered into
    // _gathered at the same positions.
    private int[] _indices = [];
    private int[] _offsets = [];
    private double[] _gathered = [];
    private double[] _ensembleScores = [];

    // Calls to the reference's train(): it decides the phase.
    private long _trained;

    /// <summary>A detector for vectors of <paramref name="featureCount"/> features.</summary>
    /// <param name="featureCount">Features per vector (100 for Kitsune's AfterImage features).</param>
    /// <param name="options">The parameters; validated here.</param>
    /// <param name="featureMap">
    /// A map to use instead of learning one: the feature indices of each autoencoder, in ensemble order. The feature
    /// mapper is then skipped and its grace period trains the autoencoders.
    /// </param>
    /// <exception cref="ArgumentException">The options or the map are invalid.</exception>
    public KitNet(int featureCount, KitNetOptions options, int[][]? featureMap = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        FeatureCount = featureCount;
        Options = options;
        _featureMapGrace = options.EffectiveFeatureMapGrace;
        _lastTrainingIndex = _featureMapGrace + options.AnomalyDetectorGrace;
        if (featureMap is null)
            _mapper = new FeatureMapper(featureCount);
        else
            CreateAutoencoders(CheckMap(featureMap, featureCount));
    }

    /// <summary>Features per vector.</summary>
    public int FeatureCount { get; }

    /// <summary>The parameters.</summary>
    public KitNetOptions Options { get; }

    /// <summary>What the next processed vector goes to.</summary>
    public KitNetPhase Phase =>
        _trained > _lastTrainingIndex ? KitNetPhase.Executing :
        _map is null ? KitNetPhase.MappingFeatures : KitNetPhase.Training;

    /// <summary>Vectors passed to <see cref="Process"/> so far (mapped, trained and scored).</summary>
    public long Processed { get; private set; }

    /// <summary>The feature mapper, kept after the map is built so its state can be inspected; null when a map was given.</summary>
    public FeatureMapper? Mapper => _mapper;

    /// <summary>A copy of the map (each autoencoder's feature indices, in ensemble order), or null before it is built.</summary>
    public int[][]? FeatureMap => _map?.Select(cluster => cluster.ToArray()).ToArray();

    /// <summary>The ensemble's autoencoders in map order (empty before the map is built).</summary>
    public IReadOnlyList<Autoencoder> Ensemble => _ensemble;

    /// <summary>The output autoencoder, which takes the ensemble's RMSEs; null before the map is built.</summary>
    public Autoencoder? Output => _output;

    /// <summary>
    /// What the output autoencoder's training step returned for the last training vector: its RMSE before the step.
    /// NaN before training starts. These are the benign scores a threshold can be fitted to.
    /// </summary>
    public double LastTrainingScore { get; private set; } = double.NaN;

    /// <summary>
    /// The ensemble's RMSEs for the last vector trained on or executed, one per autoencoder in map order (the input
    /// of the output autoencoder); empty before the map is built. Overwritten by the next vector.
    /// </summary>
    public ReadOnlySpan<double> LastEnsembleScores => _ensembleScores;

    /// <summary>
    /// Processes one vector in the reference's order: it feeds the mapper or trains the autoencoders (returning 0) during
    /// the grace periods, and is scored after them.
    /// </summary>
    /// <returns>0 during the grace periods, then the anomaly score (the output autoencoder's RMSE).</returns>
    /// <exception cref="ArgumentException">The vector does not have <see cref="FeatureCount"/> values.</exception>
    /// <exception cref="InvalidOperationException">The map is being built and a distance is not finite.</exception>
    public double Process(ReadOnlySpan<double> x)
    {
        CheckInput(x);
        double score;
        if (_trained > _lastTrainingIndex)
        {
            score = ExecuteCore(x);
        }
        else
        {
            Train(x);
            score = 0.0;
        }

        Processed++;
        return score;
    }

    /// <summary>
    /// Scores one vector with the autoencoders as they are, changing nothing but <see cref="LastEnsembleScores"/>: the
    /// score <see cref="Process"/> gives after the grace periods. Not counted in <see cref="Processed"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The vector does not have <see cref="FeatureCount"/> values.</exception>
    /// <exception cref="InvalidOperationException">The autoencoders have not been trained yet.</exception>
    public double Execute(ReadOnlySpan<double> x)
    {
        CheckInput(x);
        if (_output is null || _output.TrainCount == 0)
            throw new InvalidOperationException("KitNET cannot score before its autoencoders have been trained on at least one vector");
        return ExecuteCore(x);
    }

    /// <summary>
    /// A detector in a saved state: its map, autoencoders (copied) and the count of vectors it had processed. It goes on
    /// where the saved one stopped: scoring once <paramref name="processed"/> is past the grace periods, training
    /// otherwise (as with a given map).
    /// </summary>
    /// <exception cref="ArgumentException">The parts do not fit together.</exception>
    public static KitNet Restore(
        int featureCount,
        KitNetOptions options,
        int[][] featureMap,
        IReadOnlyList<Autoencoder> ensemble,
        Autoencoder output,
        long processed)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(processed);
        var restored = new KitNet(featureCount, options, featureMap);
        if (ensemble.Count != restored._ensemble.Length)
            throw new ArgumentException($"the map has {restored._ensemble.Length} clusters but {ensemble.Count} autoencoders were given", nameof(ensemble));
        for (var a = 0; a < ensemble.Count; a++)
        {
            if (ensemble[a].Visible != restored._ensemble[a].Visible)
                throw new ArgumentException($"autoencoder {a} has {ensemble[a].Visible} inputs but its cluster has {restored._ensemble[a].Visible} features", nameof(ensemble));
            restored._ensemble[a] = Copy(ensemble[a]);
        }

        if (output.Visible != ensemble.Count)
            throw new ArgumentException($"the output autoencoder has {output.Visible} inputs for {ensemble.Count} autoencoders", nameof(output));
        restored._output = Copy(output);
        restored.Processed = processed;
        restored._trained = Math.Min(processed, restored._lastTrainingIndex + 1);
        return restored;
    }

    private void Train(ReadOnlySpan<double> x)
    {
        if (_map is null)
        {
            var mapper = _mapper!;
            mapper.Update(x);
            if (_trained == _featureMapGrace)
                CreateAutoencoders(mapper.Cluster(Options.MaxAutoencoderSize));
        }
        else
        {
            Gather(x);
            var scores = _ensembleScores;
            var ensemble = _ensemble;
            // Part by part across the members, as in scoring (ExecuteCore); each member's arithmetic is unchanged.
            for (var a = 0; a < ensemble.Length; a++)
                ensemble[a].BeginTraining(Slice(a));
            for (var a = 0; a < ensemble.Length; a++)
                scores[a] = ensemble[a].Decode();
            for (var a = 0; a < ensemble.Length; a++)
                ensemble[a].FinishTraining();
            LastTrainingScore = _output!.Train(scores);
        }

        _trained++;
    }

    private double ExecuteCore(ReadOnlySpan<double> x)
    {
        Gather(x);
        var scores = _ensembleScores;
        var ensemble = _ensemble;
        var offsets = _offsets;
        var gathered = _gathered;

        // Layer by layer across the members rather than member by member: the members are independent, so the
        // processor overlaps their chains of dependent operations. Each member's arithmetic is unchanged.
        for (var a = 0; a < ensemble.Length; a++)
            ensemble[a].Encode(gathered.AsSpan(offsets[a], offsets[a + 1] - offsets[a]));
        for (var a = 0; a < ensemble.Length; a++)
            scores[a] = ensemble[a].Decode();
        return _output!.ExecuteUnchecked(scores);
    }

    private void Gather(ReadOnlySpan<double> x)
    {
        // x's length was checked against FeatureCount and every index against it when the map was made.
        ref var source = ref MemoryMarshal.GetReference(x);
        ref var target = ref MemoryMarshal.GetArrayDataReference(_gathered);
        ref var index = ref MemoryMarshal.GetArrayDataReference(_indices);
        for (var k = 0; k < _indices.Length; k++)
            Unsafe.Add(ref target, k) = Unsafe.Add(ref source, Unsafe.Add(ref index, k));
    }

    private ReadOnlySpan<double> Slice(int autoencoder) =>
        _gathered.AsSpan(_offsets[autoencoder], _offsets[autoencoder + 1] - _offsets[autoencoder]);

    private void CreateAutoencoders(int[][] map)
    {
        _map = map;
        _ensemble = new Autoencoder[map.Length];
        _offsets = new int[map.Length + 1];
        for (var a = 0; a < map.Length; a++)
        {
            _ensemble[a] = new Autoencoder(map[a].Length, Options.HiddenRatio, Options.LearningRate);
            _offsets[a + 1] = _offsets[a] + map[a].Length;
        }

        _indices = new int[_offsets[map.Length]];
        for (var a = 0; a < map.Length; a++)
            map[a].CopyTo(_indices, _offsets[a]);
        _gathered = new double[_indices.Length];
        _ensembleScores = new double[map.Length];
        _output = new Autoencoder(map.Length, Options.HiddenRatio, Options.LearningRate);
    }

    private static int[][] CheckMap(int[][] map, int featureCount)
    {
        if (map.Length == 0)
            throw new ArgumentException("the feature map has no clusters", nameof(map));
        var copy = new int[map.Length][];
        for (var a = 0; a < map.Length; a++)
        {
            var cluster = map[a] ?? throw new ArgumentException($"cluster {a} of the feature map is null", nameof(map));
            if (cluster.Length == 0)
                throw new ArgumentException($"cluster {a} of the feature map is empty", nameof(map));
            foreach (var index in cluster)
            {
                if ((uint)index >= (uint)featureCount)
                    throw new ArgumentException($"cluster {a} of the feature map names feature {index}, outside 0..{featureCount - 1}", nameof(map));
            }

            copy[a] = [.. cluster];
        }

        return copy;
    }

    private void CheckInput(ReadOnlySpan<double> x)
    {
        if (x.Length != FeatureCount)
            throw new ArgumentException($"KitNET takes {FeatureCount} features, got {x.Length}", nameof(x));
    }

    private static Autoencoder Copy(Autoencoder source) =>
        Autoencoder.Restore(
            source.Visible,
            source.Hidden,
            source.LearningRate,
            source.TrainCount,
            source.Weights,
            source.HiddenBias,
            source.VisibleBias,
            source.NormMin,
            source.NormMax);
}
