using FsCheck;
using FsCheck.Fluent;
using Fennec.Detection.KitNet;

namespace Fennec.Detection.Tests.KitNet;

public class FeatureMapperTests
{
    [Fact]
    public void Distances_equal_a_full_matrix_computation_bit_for_bit()
    {
        var cases =
            from n in Gen.Choose(2, 40)
            from rows in Gen.Choose(1, 60)
            from seed in Gen.Choose(0, int.MaxValue)
            select (n, rows, seed);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var data = Data(new Random(c.seed), c.n, c.rows);
            var mapper = new FeatureMapper(c.n);
            foreach (var row in data)
                mapper.Update(row);
            return mapper.CondensedDistances().Select(Bits).SequenceEqual(NaiveDistances(data, c.n).Select(Bits));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Single_linkage_equals_naive_agglomeration_when_distances_are_distinct()
    {
        var cases =
            from n in Gen.Choose(2, 30)
            from seed in Gen.Choose(0, int.MaxValue)
            select (n, seed);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            var condensed = new double[c.n * (c.n - 1) / 2];
            for (var k = 0; k < condensed.Length; k++)
                condensed[k] = random.NextDouble() * 2;
            return FeatureMapper.SingleLinkage(condensed, c.n).SequenceEqual(NaiveSingleLinkage(condensed, c.n));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Ties_go_to_the_lowest_index_and_the_map_is_cut_left_first()
    {
        // No data: every distance is exactly 1, so Prim's tree is the chain 0-1-2-3.
        var mapper = new FeatureMapper(4);
        mapper.CondensedDistances().Should().OnlyContain(d => d == 1);
        mapper.SingleLinkage().Should().Equal(
            new LinkageRow(0, 1, 1, 2),
            new LinkageRow(2, 4, 1, 3),
            new LinkageRow(3, 5, 1, 4));
        mapper.Cluster(2).Should().BeEquivalentTo(new[] { new[] { 3 }, [2], [0, 1] }, o => o.WithStrictOrdering());
        mapper.Cluster(4).Should().BeEquivalentTo(new[] { new[] { 3, 2, 0, 1 } }, o => o.WithStrictOrdering());
        mapper.Cluster(99).Should().BeEquivalentTo(new[] { new[] { 3, 2, 0, 1 } }, o => o.WithStrictOrdering());
        mapper.Cluster(0).Should().BeEquivalentTo(new[] { new[] { 3 }, [2], [0], [1] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Correlated_features_share_a_cluster()
    {
        var mapper = new FeatureMapper(4);
        var random = new Random(2);
        for (var k = 0; k < 200; k++)
        {
            var a = random.NextDouble();
            var b = random.NextDouble();
            mapper.Update([a, b, (2 * a) + 1, (3 * b) - 4]);
        }

        var map = mapper.Cluster(2);
        map.Select(c => c.Order().ToArray()).Should().BeEquivalentTo(new[] { new[] { 0, 2 }, [1, 3] });
        mapper.Count.Should().Be(200);
    }

    [Fact]
    public void Running_sums_follow_the_reference_update()
    {
        var mapper = new FeatureMapper(2);
        mapper.Update([1, 10]);
        mapper.Update([3, 10]);
        mapper.Sums.ToArray().Should().Equal(4, 20);

        // Residuals use the mean including the current vector: 1 - 1 = 0, then 3 - 2 = 1.
        mapper.SquaredResidualSums.ToArray().Should().Equal(1, 0);
    }

    [Fact]
    public void A_single_feature_is_its_own_cluster()
    {
        var mapper = new FeatureMapper(1);
        mapper.Update([3]);
        mapper.CondensedDistances().Should().BeEmpty();
        mapper.Cluster(10).Should().BeEquivalentTo(new[] { new[] { 0 } });
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_non_finite_feature_makes_clustering_fail_clearly(double bad)
    {
        var mapper = new FeatureMapper(3);
        mapper.Update([1, 2, 3]);
        mapper.Update([2, bad, 5]);
        var act = () => mapper.Cluster(2);
        act.Should().Throw<InvalidOperationException>().WithMessage("*between features 0 and 1*finite*");
    }

    [Fact]
    public void Wrong_input_length_is_rejected()
    {
        var act = () => new FeatureMapper(3).Update([1.0]);
        act.Should().Throw<ArgumentException>().WithParameterName("x");
    }

    private static double[][] Data(Random random, int n, int rows)
    {
        var data = new double[rows][];
        for (var r = 0; r < rows; r++)
        {
            data[r] = new double[n];
            for (var i = 0; i < n; i++)
                data[r][i] = i % 5 == 0 ? 7 : (random.NextDouble() * 1000) - (i * 3);
        }

        return data;
    }

    private static double[] NaiveDistances(double[][] data, int n)
    {
        var c = new double[n];
        var crs = new double[n];
        var full = new double[n, n];
        var count = 0;
        foreach (var x in data)
        {
            count++;
            var r = new double[n];
            for (var i = 0; i < n; i++)
            {
                c[i] += x[i];
                r[i] = x[i] - (c[i] / count);
                crs[i] += r[i] * r[i];
            }

            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                    full[i, j] += r[i] * r[j];
            }
        }

        var y = new List<double>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var p = Math.Sqrt(crs[i]) * Math.Sqrt(crs[j]);
                var d = 1 - (full[i, j] / (p == 0 ? 1e-100 : p));
                y.Add(d < 0 ? 0 : d);
            }
        }

        return [.. y];
    }

    // Textbook agglomeration: repeatedly merge the two clusters with the closest members.
    private static LinkageRow[] NaiveSingleLinkage(double[] condensed, int n)
    {
        double Distance(int a, int b) => a < b ? condensed[(n * a) - (a * (a + 1) / 2) + (b - a - 1)] : Distance(b, a);
        var clusters = Enumerable.Range(0, n).ToDictionary(i => i, i => new List<int> { i });
        var rows = new List<LinkageRow>();
        var nextId = n;
        while (clusters.Count > 1)
        {
            var best = (A: -1, B: -1, D: double.PositiveInfinity);
            foreach (var a in clusters.Keys)
            {
                foreach (var b in clusters.Keys.Where(b => b > a))
                {
                    var d = clusters[a].SelectMany(i => clusters[b], Distance).Min();
                    if (d < best.D)
                        best = (a, b, d);
                }
            }

            var members = clusters[best.A].Concat(clusters[best.B]).ToList();
            clusters.Remove(best.A);
            clusters.Remove(best.B);
            clusters[nextId++] = members;
            rows.Add(new LinkageRow(best.A, best.B, best.D, members.Count));
        }

        return [.. rows];
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
