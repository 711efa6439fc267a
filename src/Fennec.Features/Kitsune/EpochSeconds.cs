using System.Globalization;

namespace Fennec.Features.Kitsune;

/// <summary>
/// Converts a nanosecond timestamp to the double that parsing tshark's frame.time_epoch text ("s.nnnnnnnnn") gives:
/// the correctly rounded value of the decimal, computed exactly in integers rather than by formatting and parsing.
/// </summary>
public static class EpochSeconds
{
    private const ulong NanosPerSecond = 1_000_000_000;

    /// <summary>The double nearest to <paramref name="nanoseconds"/> / 10⁹ (ties to even).</summary>
    public static double FromNanoseconds(long nanoseconds)
    {
        if (nanoseconds <= 0)
            return nanoseconds == 0 ? 0.0 : -FromNanoseconds(-nanoseconds);

        var n = (ulong)nanoseconds;
        var shift = 52 - Math.ILogB(n / 1e9);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (shift is < 0 or > 100)
                break;
            var scaled = (UInt128)n << shift;
            var quotient = scaled / NanosPerSecond;
            if (quotient < (UInt128)1 << 52)
            {
                shift++;
                continue;
            }

            if (quotient >= (UInt128)1 << 53)
            {
                shift--;
                continue;
            }

            var twiceRemainder = 2 * (scaled - (quotient * NanosPerSecond));
            if (twiceRemainder > NanosPerSecond || (twiceRemainder == NanosPerSecond && (quotient & 1) == 1))
                quotient++;
            return Math.ScaleB((double)(ulong)quotient, -shift);
        }

        return Parse(nanoseconds);
    }

    /// <summary>The same value through text, as tshark and the reference produce it: the check for the fast path.</summary>
    internal static double Parse(long nanoseconds)
    {
        var text = (nanoseconds / 1_000_000_000m).ToString("F9", CultureInfo.InvariantCulture);
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
