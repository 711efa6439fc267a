using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fennec.Packets.Text;

/// <summary>
/// Formats a double as the shortest decimal that reads back as the same double, byte for byte what
/// <c>double.TryFormat(bytes, out n, "R", CultureInfo.InvariantCulture)</c> writes, at a fraction of its cost; except
/// for 2^-25 and 2^-958, where .NET's digits read back as the double below (its first method takes the step below a
/// power of two to be as wide as the one above) and these read back as the value.
/// </summary>
/// <remarks>
/// The digits come from Ulf Adams' Ryu (PLDI 2018): the double and the two ends of the interval that reads back as it
/// are scaled by a power of ten through 125-bit approximations of powers of five, whose truncations are exact for
/// every double, then digits are dropped while the interval still holds a shorter number. As in .NET, the ends count
/// when the significand is even (a reader rounding halfway cases to even lands on it), and of the shortest candidates
/// the one nearest the exact value wins, an exact halfway case going to the even digit. The layout is .NET's: fixed
/// notation for decimal exponents from -4 to 16 ("0.0001", "12345678901234568"), scientific with at least two
/// exponent digits outside ("1E-05", "1.5E+17").
/// </remarks>
internal static class ShortestDouble
{
    private const int MantissaBits = 52;
    private const int ExponentBias = 1075; // 1023 plus the 52 fraction bits: value = significand * 2^(e - 1075)
    private const int Pow5Bits = 125;      // precision of both tables

    private static readonly UInt128[] Pow5Table = Powers5(326);
    private static readonly UInt128[] InversePow5Table = InversePowers5(291);

    // x * Inverse (mod 2^64) is at most Limit exactly when 5^q divides x; 5^27 is the largest power below 2^64.
    private static readonly (ulong Inverse, ulong Limit)[] Pow5Divisors = Divisors5(28);

    /// <summary>Writes <paramref name="value"/> as .NET's "R" format does, in ASCII.</summary>
    /// <param name="value">Any double.</param>
    /// <param name="destination">At least 32 bytes (the longest form, "-2.2250738585072014E-308", takes 24).</param>
    /// <returns>Bytes written.</returns>
    public static int Format(double value, Span<byte> destination)
    {
        // One check here stands for those the digit writer leaves out.
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, 32, nameof(destination));
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var fraction = bits & ((1UL << MantissaBits) - 1);
        var exponent = (int)(bits >> MantissaBits) & 0x7FF;
        var at = 0;
        if (exponent == 0x7FF)
        {
            if (fraction != 0)
                return Copy("NaN"u8, destination);
            if ((long)bits < 0)
                destination[at++] = (byte)'-';
            return at + Copy("Infinity"u8, destination[at..]);
        }

        if ((long)bits < 0)
            destination[at++] = (byte)'-';
        if (exponent == 0 && fraction == 0)
        {
            destination[at] = (byte)'0';
            return at + 1;
        }

        ulong digits;
        int exponent10;
        var significand = fraction | (1UL << MantissaBits);
        var integerShift = ExponentBias - exponent;
        if ((uint)integerShift <= MantissaBits && (significand & ((1UL << integerShift) - 1)) == 0)
        {
            // An integer below 2^53 has a unit step or less, so no other number of its length rounds to it.
            digits = significand >> integerShift;
            exponent10 = 0;
            while (true)
            {
                var tenth = digits / 10;
                if (tenth * 10 != digits)
                    break;
                digits = tenth;
                exponent10++;
            }
        }
        else
        {
            digits = ShortestDigits(fraction, exponent, out exponent10);
        }

        return at + Layout(digits, exponent10, ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), at));
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }

    /// <summary>The shortest digits that round to the double, and their power of ten.</summary>
    private static ulong ShortestDigits(ulong fraction, int exponent, out int exponent10)
    {
        // Work in quarter steps so both ends of the rounding interval are integers: the double is mv * 2^e2, the ends
        // mm * 2^e2 and mp * 2^e2. At the bottom of a binade the step below is half the step above.
        ulong significand;
        int e2;
        if (exponent == 0)
        {
            significand = fraction;
            e2 = 1 - ExponentBias - 2;
        }
        else
        {
            significand = fraction | (1UL << MantissaBits);
            e2 = exponent - ExponentBias - 2;
        }

        var mv = 4 * significand;
        var mp = mv + 2;
        var mm = mv - (fraction != 0 || exponent <= 1 ? 2UL : 1UL);
        var acceptBounds = (significand & 1) == 0;

        // Scale by 10^-e10 to 18 or 19 digits, at least one more than the answer, so the last kept digit can be
        // rounded. Each "exact" flag says the scaled value is a whole number, nothing truncated.
        ulong vr, vp, vm;
        bool vrExact, vpExact, vmExact;
        if (e2 >= 0)
        {
            var q = Math.Max(0, Log10Pow2(e2) - 1);
            exponent10 = q;
            var shift = q - e2 + Pow5Bits - 1 + Pow5BitLength(q);
            var multiplier = InversePow5Table[q];
            vr = MulShift(mv, multiplier, shift);
            vp = MulShift(mp, multiplier, shift);
            vm = MulShift(mm, multiplier, shift);
            vrExact = DivisibleByPow5(mv, q);
            vpExact = DivisibleByPow5(mp, q);
            vmExact = DivisibleByPow5(mm, q);
        }
        else
        {
            var q = Math.Max(0, Log10Pow5(-e2) - 1);
            exponent10 = q + e2;
            var i = -e2 - q;
            var shift = q - (Pow5BitLength(i) - Pow5Bits);
            var multiplier = Pow5Table[i];
            vr = MulShift(mv, multiplier, shift);
            vp = MulShift(mp, multiplier, shift);
            vm = MulShift(mm, multiplier, shift);
            vrExact = BitOperations.TrailingZeroCount(mv) >= q;
            vpExact = BitOperations.TrailingZeroCount(mp) >= q;
            vmExact = BitOperations.TrailingZeroCount(mm) >= q;
        }

        // An end the double's reader would not round to is left out: the top one by stepping below it, the bottom one
        // by the candidates lying strictly above vm unless it is an exact, accepted end.
        if (vpExact && !acceptBounds)
            vp--;
        var vmInside = vmExact && acceptBounds;

        var removed = 0;
        var lastDigit = 0;
        if (!vmInside && !vrExact)
        {
            // The usual case: no halfway ties and no exact lower end, so only the rounding digit matters.
            if (vp / 100 > vm / 100)
            {
                var hundredth = vr / 100;
                lastDigit = vr - (hundredth * 100) >= 50 ? 5 : 0;
                vr = hundredth;
                vp /= 100;
                vm /= 100;
                removed = 2;
            }

            while (vp / 10 > vm / 10)
                lastDigit = DropDigit(ref vr, ref vp, ref vm, ref removed);

            exponent10 += removed;
            return vr + (vr == vm || lastDigit >= 5 ? 1UL : 0UL);
        }

        // Rarer: track whether everything dropped below the last digit was zero, for halfway ties, and whether vm is
        // still the exact lower end, which may then be shortened further.
        var droppedZeros = true;
        while (vp / 10 > vm / 10)
        {
            vmInside &= vm % 10 == 0;
            droppedZeros &= lastDigit == 0;
            lastDigit = DropDigit(ref vr, ref vp, ref vm, ref removed);
        }

        while (vmInside && vm % 10 == 0)
        {
            droppedZeros &= lastDigit == 0;
            lastDigit = DropDigit(ref vr, ref vp, ref vm, ref removed);
        }

        if (vrExact && droppedZeros && lastDigit == 5 && (vr & 1) == 0)
            lastDigit = 4; // exactly halfway: keep the even digit

        exponent10 += removed;
        return vr + ((vr == vm && !vmInside) || lastDigit >= 5 ? 1UL : 0UL);
    }

    /// <summary>Drops the last digit of all three, returning vr's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DropDigit(ref ulong vr, ref ulong vp, ref ulong vm, ref int removed)
    {
        var tenth = vr / 10;
        var digit = (int)(vr - (tenth * 10));
        vr = tenth;
        vp /= 10;
        vm /= 10;
        removed++;
        return digit;
    }

    /// <summary>floor(m * multiplier / 2^shift), for a 55-bit m, a 125-bit multiplier and a shift of 65 to 127.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulShift(ulong m, UInt128 multiplier, int shift)
    {
        Debug.Assert(shift is > 64 and < 128);
        var upper = Math.BigMul(m, (ulong)(multiplier >> 64));
        var carried = (ulong)(Math.BigMul(m, (ulong)multiplier) >> 64);
        var low = (ulong)upper + carried;
        var high = (ulong)(upper >> 64) + (low < carried ? 1UL : 0UL);
        var s = shift - 64;
        Debug.Assert(high >> s == 0);
        return (low >> s) | (high << (64 - s));
    }

    private static bool DivisibleByPow5(ulong value, int q)
    {
        var divisors = Pow5Divisors;
        return (uint)q < (uint)divisors.Length && value * divisors[q].Inverse <= divisors[q].Limit;
    }

    private static (ulong Inverse, ulong Limit)[] Divisors5(int count)
    {
        // Newton's iteration doubles the correct low bits of 5's inverse modulo 2^64: 3, 6, ... 96.
        ulong inverse5 = 5;
        for (var i = 0; i < 5; i++)
            inverse5 *= 2 - (5 * inverse5);
        var table = new (ulong, ulong)[count];
        ulong inverse = 1, power = 1;
        for (var q = 0; q < count; q++)
        {
            table[q] = (inverse, ulong.MaxValue / power);
            inverse *= inverse5;
            power *= 5;
        }

        return table;
    }

    /// <summary>floor(e * log10(2)), for 0 &lt;= e &lt;= 1650.</summary>
    internal static int Log10Pow2(int e) => (int)(((uint)e * 78913) >> 18);

    /// <summary>floor(e * log10(5)), for 0 &lt;= e &lt;= 2620.</summary>
    internal static int Log10Pow5(int e) => (int)(((uint)e * 732923) >> 20);

    /// <summary>The bit length of 5^e, for 0 &lt;= e &lt;= 2620.</summary>
    internal static int Pow5BitLength(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    /// <summary>5^i in its top 125 bits (rounded down), for i below <paramref name="count"/>.</summary>
    private static UInt128[] Powers5(int count)
    {
        var table = new UInt128[count];
        var power = BigInteger.One;
        for (var i = 0; i < count; i++)
        {
            var excess = Pow5BitLength(i) - Pow5Bits;
            table[i] = (UInt128)(excess >= 0 ? power >> excess : power << -excess);
            power *= 5;
        }

        return table;
    }

    /// <summary>
    /// floor(2^(bitlength(5^q) - 1 + 125) / 5^q) + 1, just above that quotient, for q below <paramref name="count"/>.
    /// </summary>
    private static UInt128[] InversePowers5(int count)
    {
        var table = new UInt128[count];
        var power = BigInteger.One;
        for (var q = 0; q < count; q++)
        {
            table[q] = (UInt128)((BigInteger.One << (Pow5BitLength(q) - 1 + Pow5Bits)) / power + 1);
            power *= 5;
        }

        return table;
    }

    /// <summary>Lays <paramref name="digits"/> * 10^<paramref name="exponent10"/> out as .NET's "R" does.</summary>
    /// <remarks>Writes at most 25 bytes, some past the text's end, into a destination of 31 or more.</remarks>
    private static int Layout(ulong digits, int exponent10, ref byte d)
    {
        var count = DecimalLength(digits);
        // .NET's "scale": where the decimal point falls relative to the first digit.
        var scale = exponent10 + count;
        if (scale > 17 || scale < -3)
        {
            // d[.ddd]E+XX: the digits go one place right, then the first moves back in front of the point.
            WriteDigits(digits, ref Unsafe.Add(ref d, 1), count);
            d = Unsafe.Add(ref d, 1);
            var at = 1;
            if (count > 1)
            {
                Unsafe.Add(ref d, 1) = (byte)'.';
                at = count + 1;
            }

            var e = scale - 1;
            Unsafe.Add(ref d, at++) = (byte)'E';
            Unsafe.Add(ref d, at++) = e < 0 ? (byte)'-' : (byte)'+';
            e = Math.Abs(e);
            if (e >= 100)
            {
                var hundreds = e / 100;
                Unsafe.Add(ref d, at++) = (byte)('0' + hundreds);
                e -= hundreds * 100;
            }

            WritePair(ref d, at, (uint)e);
            return at + 2;
        }

        if (scale <= 0)
        {
            // 0.000ddd: "0." and up to three zeros, then the digits over the rest of the eight.
            Unsafe.WriteUnaligned(ref d, Unsafe.ReadUnaligned<ulong>(ref MemoryMarshal.GetReference("0.000000"u8)));
            WriteDigits(digits, ref Unsafe.Add(ref d, 2 - scale), count);
            return 2 - scale + count;
        }

        WriteDigits(digits, ref d, count);
        if (scale >= count)
        {
            // ddd000, up to sixteen zeros
            var zeros = Unsafe.ReadUnaligned<ulong>(ref MemoryMarshal.GetReference("00000000"u8));
            for (var at = count; at < scale; at += 8)
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, at), zeros);
            return scale;
        }

        // ddd.ddd: the fraction (at most 16 digits, as scale >= 1) moves one place right, read whole before written.
        ref var fraction = ref Unsafe.Add(ref d, scale);
        if (count - scale <= 8)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref fraction, 1), Unsafe.ReadUnaligned<ulong>(ref fraction));
        }
        else
        {
            var first = Unsafe.ReadUnaligned<ulong>(ref fraction);
            var second = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref fraction, 8));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref fraction, 1), first);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref fraction, 9), second);
        }

        fraction = (byte)'.';
        return count + 1;
    }

    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>Writes <paramref name="value"/> as exactly <paramref name="count"/> digits at <paramref name="start"/>.</summary>
    private static void WriteDigits(ulong value, ref byte start, int count)
    {
        // Eight digits at a time in 32-bit arithmetic, each block as two independent halves of two pairs.
        var at = count;
        while (at > 8)
        {
            var high = value / 100_000_000;
            var block = (uint)(value - (high * 100_000_000));
            value = high;
            at -= 8;
            var upper = block / 10_000;
            var lower = block - (upper * 10_000);
            var upperPair = upper / 100;
            var lowerPair = lower / 100;
            WritePair(ref start, at, upperPair);
            WritePair(ref start, at + 2, upper - (upperPair * 100));
            WritePair(ref start, at + 4, lowerPair);
            WritePair(ref start, at + 6, lower - (lowerPair * 100));
        }

        var rest = (uint)value;
        while (at >= 2)
        {
            var hundredth = rest / 100;
            at -= 2;
            WritePair(ref start, at, rest - (hundredth * 100));
            rest = hundredth;
        }

        if (at == 1)
            start = (byte)('0' + rest);
    }

    private static void WritePair(ref byte start, int at, uint pair) =>
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref start, at),
            Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref MemoryMarshal.GetReference(DigitPairs), (int)pair * 2)));

    private static ReadOnlySpan<ulong> PowersOf10 =>
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
    ];

    /// <summary>The number of decimal digits of a value from 1 to 10^18.</summary>
    private static int DecimalLength(ulong value)
    {
        // log10 from log2, low by at most one: 1233/4096 is just above log10(2).
        var guess = ((BitOperations.Log2(value) + 1) * 1233) >> 12;
        return guess + (value >= PowersOf10[guess] ? 1 : 0);
    }
}
