using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fennec.Detection.KitNet;

/// <summary>
/// KitNET's feature mapper (the reference's <c>corClust</c>): running sums of the features' residuals from which a
/// correlation distance between every two features is derived, then a single-linkage dendrogram of the features cut
/// into clusters of at most m features. Each cluster becomes the input of one autoencoder.
/// </summary>
/// <remarks>
/// Everything here is elementwise arithmetic, square roots and comparisons, so given bit-exact features the
/// distances, the dendrogram and the map equal the reference's bit for bit (SPEC §4.2).
/// </remarks>
public sealed class FeatureMapper
{
    private readonly double[] _sums;
    private readonly double[] _squaredResiduals;

    // Sums of residual products, n×n row-major. The matrix is symmetric and r[i]·r[j] == r[j]·r[i] exactly, so only
    // the upper triangle (j ≥ i) is maintained: the results are the same bits as the full update.
    private readonly double[] _products;
    private readonly double[] _residuals;

    /// <summary>A mapper for vectors of <paramref name="featureCount"/> features.</summary>
    public FeatureMapper(int featureCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        FeatureCount = featureCount;
        _sums = new double[featureCount];
        _squaredResiduals = new double[featureCount];
        _products = new double[featureCount * featureCount];
        _residuals = new double[featureCount];
    }

    /// <summary>Features per vector.</summary>
    public int FeatureCount { get; }

    /// <summary>Vectors seen (the reference's <c>N</c>).</summary>
    public long Count { get; private set; }

    /// <summary>The per-feature sums of the vectors seen (the reference's <c>c</c>).</summary>
    public ReadOnlySpan<double> Sums => _sums;

    /// <summary>
    /// The per-feature sums of squared residuals (the reference's <c>c_rs</c>), each residual taken against the running
    /// mean that includes its own vector.
    /// </summary>
    public ReadOnlySpan<double> SquaredResidualSums => _squaredResiduals;

    /// <summary>Adds one feature vector.</summary>
    public void Update(ReadOnlySpan<double> x)
    {
        var n = FeatureCount;
        if (x.Length != n)
            throw new ArgumentException($"the feature mapper takes {n} features, got {x.Length}", nameof(x));

        Count++;
        var count = (double)Count;
        var sums = _sums;
        var r = _residuals;
        var squares = _squaredResiduals;
        for (var i = 0; i < n; i++)
        {
            sums[i] += x[i];
            r[i] = x[i] - (sums[i] / count);
            squares[i] += r[i] * r[i];
        }

        // C += outer(r, r), upper triangle. Lanes are independent elements (multiply then add, never fused), so the
        // vector loop gives the scalar loop's bits.
        // Row i of the upper triangle starts at i·n + i and has n - i elements, inside the n·n matrix.
        var width = Vector<double>.Count;
        ref var products = ref MemoryMarshal.GetArrayDataReference(_products);
        ref var residuals = ref MemoryMarshal.GetArrayDataReference(r);
        for (var i = 0; i < n; i++)
        {
            var ri = Unsafe.Add(ref residuals, i);
            ref var row = ref Unsafe.Add(ref products, (i * n) + i);
            ref var tail = ref Unsafe.Add(ref residuals, i);
            var length = n - i;
            var j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var scale = new Vector<double>(ri);
                for (; j <= length - width; j += width)
                    (Vector.LoadUnsafe(ref row, (nuint)j) + (scale * Vector.LoadUnsafe(ref tail, (nuint)j))).StoreUnsafe(ref row, (nuint)j);
            }

            for (; j < length; j++)
                Unsafe.Add(ref row, j) += ri * Unsafe.Add(ref tail, j);
        }
    }

    /// <summary>
    /// The correlation distances <c>1 - C[i,j] / (sqrt(c_rs[i]) · sqrt(c_rs[j]))</c> (a zero denominator replaced by
    /// 1e-100, negative distances raised to 0) of every pair i &lt; j, in SciPy's condensed order (row-major upper
    /// triangle).
    /// </summary>
    public double[] CondensedDistances()
    {
        var n = FeatureCount;
        var roots = new double[n];
        for (var i = 0; i < n; i++)
            roots[i] = Math.Sqrt(_squaredResiduals[i]);

        var distances = new double[n * (n - 1) / 2];
        var k = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var scale = roots[i] * roots[j];
                if (scale == 0)
                    scale = 1e-100;
                var d = 1 - (_products[(i * n) + j] / scale);
                distances[k++] = d < 0 ? 0 : d;
            }
        }

        return distances;
    }

    /// <summary>The single-linkage dendrogram of <see cref="CondensedDistances"/>, as SciPy's <c>linkage(y)</c> returns it.</summary>
    /// <exception cref="InvalidOperationException">A distance is not finite (a feature was NaN or infinite, or its sums overflowed).</exception>
    public LinkageRow[] SingleLinkage() => SingleLinkage(CondensedDistances(), FeatureCount);

    /// <summary>
    /// The map: the features split into clusters of at most <paramref name="maxClusterSize"/> (clamped to [1, n]),
    /// clusters in left-to-right dendrogram order, features within a cluster in pre-order (left first).
    /// </summary>
    /// <exception cref="InvalidOperationException">A distance is not finite.</exception>
    public int[][] Cluster(int maxClusterSize) => Cluster(SingleLinkage(), FeatureCount, maxClusterSize);

    /// <summary>
    /// Single linkage by Prim's minimum spanning tree, as SciPy 1.10 computes it: ties go to the lowest index, merges
    /// are stable-sorted by distance, then relabelled with a union-find.
    /// </summary>
    internal static LinkageRow[] SingleLinkage(ReadOnlySpan<double> condensed, int n)
    {
        if (condensed.Length != (long)n * (n - 1) / 2)
            throw new ArgumentException($"{n} features need {(long)n * (n - 1) / 2} distances, got {condensed.Length}", nameof(condensed));
        for (var k = 0; k < condensed.Length; k++)
        {
            if (!double.IsFinite(condensed[k]))
            {
                var (a, b) = PairOf(k, n);
                throw new InvalidOperationException(
                    $"the correlation distance between features {a} and {b} is {condensed[k]}: the features must be finite and their sums must not overflow");
            }
        }

        if (n < 2)
            return [];

        var merges = new (int From, int To, double Distance)[n - 1];
        var merged = new bool[n];
        var nearest = new double[n];
        nearest.AsSpan().Fill(double.PositiveInfinity);
        var x = 0;
        for (var k = 0; k < n - 1; k++)
        {
            merged[x] = true;
            var best = double.PositiveInfinity;
            var next = -1;
            for (var i = 0; i < n; i++)
            {
                if (merged[i])
                    continue;
                var d = condensed[CondensedIndex(x, i, n)];
                if (nearest[i] > d)
                    nearest[i] = d;
                if (nearest[i] < best)
                {
                    best = nearest[i];
                    next = i;
                }
            }

            merges[k] = (x, next, best);
            x = next;
        }

        // Stable by distance, like numpy's mergesort: an insertion sort of the n - 1 merges, in place. (LINQ's OrderBy
        // over these tuples is not precompiled, and compiling it cost a few milliseconds in the middle of a capture.)
        var sorted = merges;
        for (var k = 1; k < sorted.Length; k++)
        {
            var merge = sorted[k];
            var j = k - 1;
            for (; j >= 0 && sorted[j].Distance > merge.Distance; j--)
                sorted[j + 1] = sorted[j];
            sorted[j + 1] = merge;
        }

        var parent = new int[(2 * n) - 1];
        var size = new int[(2 * n) - 1];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
            size[i] = 1;
        }

        var rows = new LinkageRow[n - 1];
        for (var k = 0; k < rows.Length; k++)
        {
            var a = Find(parent, sorted[k].From);
            var b = Find(parent, sorted[k].To);
            var label = n + k;
            parent[a] = label;
            parent[b] = label;
            size[label] = size[a] + size[b];
            rows[k] = new LinkageRow(Math.Min(a, b), Math.Max(a, b), sorted[k].Distance, size[label]);
        }

        return rows;
    }

    /// <summary>Cuts a dendrogram of <paramref name="n"/> leaves into the map (see <see cref="Cluster(int)"/>).</summary>
    internal static int[][] Cluster(ReadOnlySpan<LinkageRow> linkage, int n, int maxClusterSize)
    {
        if (linkage.Length != n - 1)
            throw new ArgumentException($"{n} features need {n - 1} merges, got {linkage.Length}", nameof(linkage));
        var m = Math.Clamp(maxClusterSize, 1, n);
        var clusters = new List<int[]>();
        var pending = new Stack<int>();
        pending.Push((2 * n) - 2);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (Size(linkage, n, node) <= m)
            {
                clusters.Add(Leaves(linkage, n, node));
                continue;
            }

            // Left is handled first: push it last.
            var row = linkage[node - n];
            pending.Push(row.Right);
            pending.Push(row.Left);
        }

        return [.. clusters];
    }

    private static int Size(ReadOnlySpan<LinkageRow> linkage, int n, int node) => node < n ? 1 : linkage[node - n].Count;

    // The leaves under a node in pre-order, left first.
    private static int[] Leaves(ReadOnlySpan<LinkageRow> linkage, int n, int node)
    {
        var leaves = new int[Size(linkage, n, node)];
        var count = 0;
        var pending = new Stack<int>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current < n)
            {
                leaves[count++] = current;
                continue;
            }

            var row = linkage[current - n];
            pending.Push(row.Right);
            pending.Push(row.Left);
        }

        return leaves;
    }

    private static int Find(int[] parent, int node)
    {
        var root = node;
        while (parent[root] != root)
            root = parent[root];
        while (parent[node] != root)
        {
            var up = parent[node];
            parent[node] = root;
            node = up;
        }

        return root;
    }

    private static int CondensedIndex(int a, int b, int n)
    {
        if (a > b)
            (a, b) = (b, a);
        return (n * a) - (a * (a + 1) / 2) + (b - a - 1);
    }

    private static (int A, int B) PairOf(int index, int n)
    {
        var a = 0;
        while (index >= n - a - 1)
        {
            index -= n - a - 1;
            a++;
        }

        return (a, a + 1 + index);
    }
}
