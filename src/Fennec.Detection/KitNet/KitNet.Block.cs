using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Fennec.Detection.KitNet;

/// <summary>
/// Scoring several feature vectors at once, one per vector lane (<see cref="Autoencoder.ExecuteBlock"/>): the same
/// scores, bit for bit, as scoring them one by one. Only in the executing phase, where the vectors do not depend on
/// each other.
/// </summary>
public sealed partial class KitNet
{
    /// <summary>The most vectors <see cref="ExecuteBlock"/> takes at once.</summary>
    public const int BlockSize = 4;

    private Vector256<double>[] _blockGathered = [];
    private Vector256<double>[] _blockEnsembleScores = [];

    /// <summary>True when <see cref="ExecuteBlock"/> runs on this processor (else callers score one vector at a time).</summary>
    public static bool CanScoreBlocks => Autoencoder.CanScoreBlocks;

    /// <summary>
    /// Scores <paramref name="count"/> vectors (1 to <see cref="BlockSize"/>) of <see cref="FeatureCount"/> features
    /// each, laid one after another in <paramref name="vectors"/>, into <paramref name="scores"/>, and each one's
    /// ensemble scores into <paramref name="memberScores"/> (one row of <see cref="Ensemble"/>'s count per vector);
    /// counts them as processed. The scores equal <see cref="Process"/>'s in the executing phase; <see cref="Recall"/>
    /// takes a row of member scores back for explaining its vector.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not in the executing phase, or blocks cannot run here.</exception>
    public void ExecuteBlock(ReadOnlySpan<double> vectors, int count, Span<double> scores, Span<double> memberScores)
    {
        if (Phase != KitNetPhase.Executing || !CanScoreBlocks)
            throw new InvalidOperationException("KitNET scores blocks only in the executing phase, on processors with AVX2 and FMA");
        if (count is < 1 or > BlockSize)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"a block holds 1 to {BlockSize} vectors");
        var ensemble = _ensemble;
        if (vectors.Length < count * FeatureCount || scores.Length < count || memberScores.Length < count * ensemble.Length)
            throw new ArgumentException($"a block of {count} takes {count * FeatureCount} features, {count} scores and {count * ensemble.Length} member scores");

        if (_blockGathered.Length != _indices.Length)
        {
            _blockGathered = new Vector256<double>[_indices.Length];
            _blockEnsembleScores = new Vector256<double>[ensemble.Length];
        }

        // Lane k holds vector k; lanes past the count repeat the last vector, so they compute ordinary values.
        var featureCount = FeatureCount;
        ref var first = ref MemoryMarshal.GetReference(vectors);
        ref var v0 = ref first;
        ref var v1 = ref Unsafe.Add(ref first, Math.Min(1, count - 1) * featureCount);
        ref var v2 = ref Unsafe.Add(ref first, Math.Min(2, count - 1) * featureCount);
        ref var v3 = ref Unsafe.Add(ref first, Math.Min(3, count - 1) * featureCount);
        ref var target = ref MemoryMarshal.GetArrayDataReference(_blockGathered);
        ref var index = ref MemoryMarshal.GetArrayDataReference(_indices);
        for (var k = 0; k < _indices.Length; k++)
        {
            var f = Unsafe.Add(ref index, k);
            Unsafe.Add(ref target, k) = Vector256.Create(Unsafe.Add(ref v0, f), Unsafe.Add(ref v1, f), Unsafe.Add(ref v2, f), Unsafe.Add(ref v3, f));
        }

        var offsets = _offsets;
        var members = _blockEnsembleScores;
        for (var a = 0; a < ensemble.Length; a++)
            members[a] = ensemble[a].ExecuteBlock(_blockGathered.AsSpan(offsets[a], offsets[a + 1] - offsets[a]));
        var output = _output!.ExecuteBlock(members);

        for (var lane = 0; lane < count; lane++)
        {
            scores[lane] = output.GetElement(lane);
            var row = memberScores.Slice(lane * ensemble.Length, ensemble.Length);
            for (var a = 0; a < row.Length; a++)
                row[a] = members[a].GetElement(lane);
        }

        Processed += count;
    }

    /// <summary>
    /// Makes <paramref name="memberScores"/> (a row that <see cref="ExecuteBlock"/> gave, or a copy of
    /// <see cref="LastEnsembleScores"/>) the last vector scored again: <see cref="LastEnsembleScores"/> and the output
    /// layer's errors become that vector's, as right after scoring it.
    /// </summary>
    public void Recall(ReadOnlySpan<double> memberScores)
    {
        if (_output is null)
            throw new InvalidOperationException("no vector has been scored");
        if (memberScores.Length != _ensemble.Length)
            throw new ArgumentException($"the ensemble has {_ensemble.Length} members, got {memberScores.Length} scores", nameof(memberScores));
        memberScores.CopyTo(_ensembleScores);
        _output.ExecuteUnchecked(_ensembleScores);
    }
}
