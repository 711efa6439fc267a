using FsCheck;
using FsCheck.Fluent;
using Fennec.Detection.KitNet;

namespace Fennec.Detection.Tests.KitNet;

public class PairwiseSumTests
{
    [Fact]
    public void Every_length_from_1_to_1000_matches_the_rule_written_out()
    {
        var random = new Random(1234);
        for (var n = 1; n <= 1000; n++)
        {
            var values = Values(random, n);
            Bits(PairwiseSum.Sum(values)).Should().Be(Bits(Reference(values)), $"n = {n}");
            Bits(PairwiseSum.Mean(values)).Should().Be(Bits(Reference(values) / n), $"n = {n}");
        }
    }

    [Fact]
    public void Random_lengths_match_the_rule_and_stay_close_to_the_exact_sum()
    {
        var cases =
            from n in Gen.Choose(1, 1000)
            from seed in Gen.Choose(0, int.MaxValue)
            select (n, seed);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var values = Values(new Random(c.seed), c.n);
            var sum = PairwiseSum.Sum(values);
            var exact = values.Select(v => (decimal)v).Sum();
            var magnitude = values.Select(v => Math.Abs((decimal)v)).Sum();
            return Bits(sum) == Bits(Reference(values)) && Math.Abs((decimal)sum - exact) <= 1e-12m * magnitude;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Fewer_than_8_values_are_added_in_order()
    {
        // (1e16 + 1) + 1 loses both ones; any other grouping of three would keep one of them.
        double[] values = [1e16, 1, 1];
        PairwiseSum.Sum(values).Should().Be(1e16);
        PairwiseSum.Sum([1, 1, 1e16]).Should().Be(1e16 + 2);
    }

    [Fact]
    public void From_8_to_128_values_eight_accumulators_are_combined_in_a_tree_and_the_rest_added_in_order()
    {
        // Accumulator k holds a[k] + a[k+8]: (1e16 + 1) in accumulator 0 loses the 1.
        var values = new double[17];
        values[0] = 1e16;
        values[8] = 1;
        values[16] = 1;
        PairwiseSum.Sum(values).Should().Be(((1e16 + 1) + 0) + 1);
        PairwiseSum.Sum(values).Should().Be(1e16);

        // At exactly 128 NumPy still uses the accumulators (its test is n <= PW_BLOCKSIZE); a split would differ.
        var block = new double[128];
        block[0] = 1e16;
        for (var k = 8; k < 128; k += 8)
            block[k] = 1;
        PairwiseSum.Sum(block).Should().Be(1e16);
        var split = PairwiseSum.Sum(block.AsSpan(0, 64)) + PairwiseSum.Sum(block.AsSpan(64));
        split.Should().NotBe(PairwiseSum.Sum(block));
    }

    private static double[] Values(Random random, int n)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
            values[i] = (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-6, 7));
        return values;
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    // NumPy's rule written out plainly: blocks of up to 128 summed through 8 strided accumulators, longer arrays split
    // at half rounded down to a multiple of 8.
    private static double Reference(double[] values) => Reference(values, 0, values.Length);

    private static double Reference(double[] a, int start, int n)
    {
        if (n > 128)
        {
            var half = n / 2 / 8 * 8;
            return Reference(a, start, half) + Reference(a, start + half, n - half);
        }

        if (n < 8)
        {
            var sum = 0.0;
            foreach (var v in a.AsSpan(start, n))
                sum += v;
            return sum;
        }

        var whole = n / 8 * 8;
        var lanes = new double[8];
        for (var k = 0; k < 8; k++)
        {
            lanes[k] = a[start + k];
            for (var i = k + 8; i < whole; i += 8)
                lanes[k] += a[start + i];
        }

        var total = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
        for (var i = whole; i < n; i++)
            total += a[start + i];
        return total;
    }
}
