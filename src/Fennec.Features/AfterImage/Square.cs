namespace Fennec.Features.AfterImage;

/// <summary>
/// pow(x, 2) as glibc computes it, mostly without calling pow. glibc's pow is within 0.509 ulp plus |ln result| ·
/// 1.3·2^-15 ulp of the exact value (its exp's error and its log's, 0.54 ulp at the ends of the range), so when the
/// exact square lies clearly nearer the product x·x than the midpoint to its neighbour (checked exactly with a fused
/// multiply-add, which gives the product's rounding error), pow can only return x·x. Only squares within a few
/// hundredths of an ulp of a midpoint (where pow(x, 2) and x·x can differ: 4% of doubles, 10% far out in the range)
/// and non-normal values other than zero go to pow.
/// </summary>
internal static class Square
{
    // Below this the product's rounding error could itself underflow and stop being exact.
    private const double SmallestExact = 1e-280;

    private const long ExponentBits = 0x7FF0_0000_0000_0000;

    // Products in [2^-288, 2^288): |ln result| ≤ 200, so pow is within 0.517 ulp and a neighbour 0.52 ulp away or
    // more is out of its reach.
    private const long InnerLowestExponent = 1023 - 288;
    private const ulong InnerExponents = 2 * 288;
    private const long MantissaBits = 0x000F_FFFF_FFFF_FFFF;

    public static double Of(double x)
    {
        // pow(±0, 2) is +0, as is the product; zero is common (a silent stream's jitter, a constant's variance).
        if (x == 0)
            return 0.0;
        var product = x * x;
        if (product is > SmallestExact and < double.MaxValue)
        {
            var error = Math.FusedMultiplyAdd(x, x, -product);

            // The distance to the nearer neighbour of the product: its ulp, 2^(exponent - 52) (the product is normal
            // and far above 2^-970, so that is a normal double too), or half of it for a power of two, whose lower
            // neighbour is closer. Read from the bits: BitIncrement and BitDecrement were calls in the hot path.
            var bits = BitConverter.DoubleToInt64Bits(product);
            var ulp = BitConverter.Int64BitsToDouble((bits & ExponentBits) - (52L << 52));
            var gap = (bits & MantissaBits) == 0 ? ulp * 0.5 : ulp;

            // |error| < 0.48 ulp: the other neighbour is more than 0.52 ulp away, beyond pow's 0.517 in the inner
            // range; elsewhere |error| < 0.45 ulp puts it more than 0.55 ulp away, beyond pow's 0.54.
            var inner = (ulong)((bits >> 52) - InnerLowestExponent) < InnerExponents;
            if (Math.Abs(error) < (inner ? 0.48 : 0.45) * gap)
                return product;
        }

        return Math.Pow(x, 2);
    }
}
