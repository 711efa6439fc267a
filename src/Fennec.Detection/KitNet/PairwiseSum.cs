using System.Numerics;

namespace Fennec.Detection.KitNet;

/// <summary>
/// NumPy's pairwise summation of a contiguous float64 array (what <c>ndarray.sum</c> and <c>mean</c> use), reproduced
/// operation for operation so that means match NumPy bit for bit. Generic so that the same order runs on vectors
/// whose lanes are separate arrays (several packets scored at once).
/// </summary>
internal static class PairwiseSum
{
    /// <summary>NumPy's PW_BLOCKSIZE: blocks up to this length are summed with eight accumulators.</summary>
    public const int BlockSize = 128;

    /// <summary>The sum of <paramref name="values"/> in NumPy's order.</summary>
    public static double Sum(ReadOnlySpan<double> values) => Sum<double>(values);

    /// <summary>The sum of <paramref name="values"/> in NumPy's order, lane by lane when they are vectors.</summary>
    public static T Sum<T>(ReadOnlySpan<T> values)
        where T : IAdditionOperators<T, T, T>, IAdditiveIdentity<T, T>
    {
        var n = values.Length;
        if (n < 8)
        {
            var sum = T.AdditiveIdentity;
            for (var i = 0; i < n; i++)
                sum += values[i];
            return sum;
        }

        if (n <= BlockSize)
        {
            T r0 = values[0], r1 = values[1], r2 = values[2], r3 = values[3];
            T r4 = values[4], r5 = values[5], r6 = values[6], r7 = values[7];
            var whole = n - (n % 8);
            var i = 8;
            for (; i < whole; i += 8)
            {
                r0 += values[i];
                r1 += values[i + 1];
                r2 += values[i + 2];
                r3 += values[i + 3];
                r4 += values[i + 4];
                r5 += values[i + 5];
                r6 += values[i + 6];
                r7 += values[i + 7];
            }

            var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++)
                result += values[i];
            return result;
        }

        // Split near the middle on a multiple of 8, as NumPy does.
        var half = n / 2;
        half -= half % 8;
        return Sum(values[..half]) + Sum(values[half..]);
    }

    /// <summary>NumPy's <c>mean</c>: the pairwise sum divided by the length.</summary>
    public static double Mean(ReadOnlySpan<double> values) => Sum(values) / values.Length;
}
