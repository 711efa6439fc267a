using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Fennec.Features.Numerics;

/// <summary>
/// exp(x) and 2^y of four doubles at once, giving the bits of <see cref="Math.Exp"/> and <see cref="Math.Pow"/> on
/// x86-64 Linux, so that features and scores computed with them are those of the scalar code. The C library there
/// (glibc 2.28 and later, on processors with fused multiply-add) reduces x = k·ln2/128 + r, takes 2^(k/128) from a
/// 128-entry table and exp(r) from a degree-5 polynomial; pow(2, y) is the same with x = y·ln 2 carried as a
/// double-double (ln 2 being the constant that pow's logarithm gives for 2). This is the same computation, operation
/// for operation and fused where it fuses, on vector lanes.
/// </summary>
/// <remarks>
/// Lanes with |x| or |y·ln 2| of 512 or more take the C library's large-argument path here too, subnormal results and
/// underflow to 0 included (a long-idle stream's decay factors are that small). Other lanes off the main path (|x| or
/// |y·ln 2| below 2^-54, results that overflow, |y| outside [2^-65, 2^63), infinities, NaN) are recomputed with the
/// scalar functions, except exp of |x| below 2^-54, which is 1 + x there as here. Whether
/// the two agree is checked once, at start-up, on inputs that reach every table entry and the edges of the range: a
/// C library that computes them differently, or a processor without AVX2 and FMA, makes <see cref="IsExact"/> false,
/// and callers keep to the scalar functions.
/// </remarks>
public static class VectorMath
{
    private const int TableBits = 7;
    private const int TableSize = 1 << TableBits;

    // Biased exponents of 2^-54 and 512 (the main path of exp), and of 2^-65 and 2^64 (pow's ordinary exponents).
    private const ulong TinyExponent = 0x3c9;
    private const ulong LargeExponent = 0x408;
    private const ulong LowestPowerExponent = 0x3be;
    private const ulong PowerExponents = 0x80;

    // 128/ln2, the shift that rounds to an integer in the low bits, and -ln2/128 split so that k·hi is exact.
    private static readonly double InverseLn2N = BitConverter.UInt64BitsToDouble(0x40671547652B82FE);
    private const double Shift = 6755399441055744.0; // 1.5·2^52
    private static readonly double NegatedLn2HighN = BitConverter.UInt64BitsToDouble(0xBF762E42FEFA0000);
    private static readonly double NegatedLn2LowN = BitConverter.UInt64BitsToDouble(0xBD0CF79ABC9E3B3A);

    // exp(r) ≈ 1 + r + C2·r² + C3·r³ + C4·r⁴ + C5·r⁵ on |r| ≤ ln2/256 (the C library's minimax coefficients).
    private static readonly double C2 = BitConverter.UInt64BitsToDouble(0x3FDFFFFFFFFFFDBD);
    private static readonly double C3 = BitConverter.UInt64BitsToDouble(0x3FC555555555543C);
    private static readonly double C4 = BitConverter.UInt64BitsToDouble(0x3FA55555CF172B91);
    private static readonly double C5 = BitConverter.UInt64BitsToDouble(0x3F81111167A4D017);

    // ln 2 as the head and tail that pow's logarithm computes for x = 2 (its table-driven log, evaluated exactly in
    // rational arithmetic): the head is ln 2 rounded, the tail 0x1.abc9e3b398p-56.
    private static readonly double Ln2Head = BitConverter.UInt64BitsToDouble(0x3FE62E42FEFA39EF);
    private static readonly double Ln2Tail = BitConverter.UInt64BitsToDouble(0x3C7ABC9E3B398000);

    /// <summary>True when <see cref="Exp"/> and <see cref="Pow2(Vector256{double})"/> run on this processor and agreed with the scalar functions on every check.</summary>
    public static bool IsExact { get; } = Avx2.IsSupported && Fma.IsSupported && AgreesWithScalar();

    /// <summary>exp of each lane, the bits of <see cref="Math.Exp"/> when <see cref="IsExact"/>. Needs AVX2 and FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        // |x| below 2^-54 (zero and subnormals included) gives 1 + x, as the C library returns it; |x| of 512 or more,
        // infinities and NaN go to Math.Exp.
        var exponent = Vector256.ShiftRightLogical(x.AsUInt64(), 52) & Vector256.Create(0x7ffUL);
        var tiny = Vector256.LessThan(exponent, Vector256.Create(TinyExponent));
        var large = Vector256.GreaterThanOrEqual(exponent, Vector256.Create(LargeExponent));
        var result = Vector256.ConditionalSelect(tiny.AsDouble(), x + Vector256<double>.One, MainPath(x, Vector256<double>.Zero, false));
        if (large != Vector256<ulong>.Zero)
            result = LargePath(x, x, Vector256<double>.Zero, exponent, large, result, exp: true);
        return result;
    }

    /// <summary>2^y of each lane, the bits of <c>Math.Pow(2, y)</c> when <see cref="IsExact"/>. Needs AVX2 and FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Pow2(Vector256<double> y)
    {
        // x = y·ln 2 as head + tail: the head rounded, the tail the head's rounding error plus y times ln 2's tail.
        var head = y * Vector256.Create(Ln2Head);
        var tail = Fma.MultiplyAdd(y, Vector256.Create(Ln2Tail), Fma.MultiplySubtract(y, Vector256.Create(Ln2Head), head));

        var yExponent = Vector256.ShiftRightLogical(y.AsUInt64(), 52) & Vector256.Create(0x7ffUL);
        var headExponent = Vector256.ShiftRightLogical(head.AsUInt64(), 52) & Vector256.Create(0x7ffUL);
        var special = Vector256.GreaterThanOrEqual(yExponent - Vector256.Create(LowestPowerExponent), Vector256.Create(PowerExponents))
            | Vector256.GreaterThanOrEqual(headExponent - Vector256.Create(TinyExponent), Vector256.Create(LargeExponent - TinyExponent));
        var result = MainPath(head, tail, true);
        if (special != Vector256<ulong>.Zero)
        {
            // Lanes with an ordinary y and a large head take the C library's large-argument path; the rest go to pow.
            var large = Vector256.GreaterThanOrEqual(headExponent, Vector256.Create(LargeExponent))
                & Vector256.LessThan(yExponent - Vector256.Create(LowestPowerExponent), Vector256.Create(PowerExponents));
            result = LargePath(y, head, tail, headExponent, large, result, exp: false);
            result = Rescalar(y, result, special & ~large, exp: false);
        }

        return result;
    }

    /// <summary>pow(2, y) for one value: <see cref="Pow2(Vector256{double})"/> when <see cref="IsExact"/>, else <see cref="Math.Pow"/>; the same bits either way.</summary>
    public static double Pow2(double y) => IsExact ? Pow2(Vector256.Create(y)).ToScalar() : Math.Pow(2.0, y);

    /// <summary>exp(x + tail) on the main path (|x| in [2^-54, 512)), the tail added to the reduced argument.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> MainPath(Vector256<double> x, Vector256<double> xTail, bool hasTail)
    {
        var tmp = Reduce(x, xTail, hasTail, out var scaleBits, out _);
        var scale = scaleBits.AsDouble();
        return Fma.MultiplyAdd(scale, tmp, scale);
    }

    /// <summary>
    /// exp(x + tail) = scale·(1 + tmp): returns tmp, with scale's bits (2^(k/128), its exponent wrapped when k/128 is
    /// outside the double range) and k in the low bits of <paramref name="ki"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Reduce(Vector256<double> x, Vector256<double> xTail, bool hasTail, out Vector256<ulong> scaleBits, out Vector256<ulong> ki)
    {
        var kd = Fma.MultiplyAdd(x, Vector256.Create(InverseLn2N), Vector256.Create(Shift));
        ki = kd.AsUInt64();
        kd -= Vector256.Create(Shift);
        var r = Fma.MultiplyAdd(kd, Vector256.Create(NegatedLn2HighN), x);
        r = Fma.MultiplyAdd(kd, Vector256.Create(NegatedLn2LowN), r);
        if (hasTail)
            r = xTail + r;

        // Entries 2·(k mod 128) and the one after it: masked to the table, so read without bounds checks.
        var index = (ki & Vector256.Create((ulong)(TableSize - 1))) << 1;
        ref var table = ref MemoryMarshal.GetReference(Table);
        var i0 = (nint)index.GetElement(0);
        var i1 = (nint)index.GetElement(1);
        var i2 = (nint)index.GetElement(2);
        var i3 = (nint)index.GetElement(3);
        var tail = Vector256.Create(Unsafe.Add(ref table, i0), Unsafe.Add(ref table, i1), Unsafe.Add(ref table, i2), Unsafe.Add(ref table, i3)).AsDouble();
        scaleBits = Vector256.Create(Unsafe.Add(ref table, i0 + 1), Unsafe.Add(ref table, i1 + 1), Unsafe.Add(ref table, i2 + 1), Unsafe.Add(ref table, i3 + 1))
            + Vector256.ShiftLeft(ki, 52 - TableBits);

        var low = Fma.MultiplyAdd(r, Vector256.Create(C3), Vector256.Create(C2));
        var sum = r + tail;
        var r2 = r * r;
        var high = Fma.MultiplyAdd(r, Vector256.Create(C5), Vector256.Create(C4));
        sum = Fma.MultiplyAdd(low, r2, sum);
        return Fma.MultiplyAdd(r2 * r2, high, sum);
    }

    /// <summary>
    /// The C library's path for |x| from 512 on the <paramref name="large"/> lanes (the biased exponent of x is given).
    /// Up to 1024 the scale is formed 2^1009 lower (k &gt; 0) or 2^1022 higher (k &lt; 0) and the result scaled back,
    /// a result below the normal range first rounded to its final precision as the C library does; from 1024 the result
    /// is 0 or infinity. Lanes of infinities and NaN, and lanes whose result overflows below 1024, are recomputed with
    /// the scalar function.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<double> LargePath(
        Vector256<double> argument, Vector256<double> x, Vector256<double> xTail, Vector256<ulong> exponent, Vector256<ulong> large, Vector256<double> result, bool exp)
    {
        var tmp = Reduce(x, xTail, !exp, out var scaleBits, out var ki);
        var up = Vector256.Equals(ki & Vector256.Create(0x80000000UL), Vector256<ulong>.Zero);

        // k > 0: overflow shows as infinity, left to the scalar function.
        var upScale = (scaleBits - Vector256.Create(1009UL << 52)).AsDouble();
        var upResult = Vector256.Create(Math.ScaleB(1.0, 1009)) * Fma.MultiplyAdd(upScale, tmp, upScale);
        var upGood = Vector256.LessThan(upResult, Vector256.Create(double.PositiveInfinity)).AsUInt64();

        // k < 0: the product is formed once and used twice, so nothing is fused here.
        var downScale = (scaleBits + Vector256.Create(1022UL << 52)).AsDouble();
        var product = downScale * tmp;
        var down = downScale + product;
        var low = (downScale - down) + product;
        var high = Vector256<double>.One + down;
        low = ((Vector256<double>.One - high) + down) + low;
        var rounded = (high + low) - Vector256<double>.One;
        var subnormal = Vector256.LessThan(down, Vector256<double>.One);
        var downResult = Vector256.Create(Math.ScaleB(1.0, -1022)) * Vector256.ConditionalSelect(subnormal, rounded, down);

        // From 1024 on (finite): 0 below, infinity above.
        var finite = Vector256.LessThan(exponent, Vector256.Create(0x7ffUL));
        var beyond = Vector256.GreaterThan(exponent, Vector256.Create(LargeExponent)) & finite;
        var beyondResult = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<double>.Zero), Vector256<double>.Zero, Vector256.Create(double.PositiveInfinity));

        var near = Vector256.Equals(exponent, Vector256.Create(LargeExponent));
        var computed = Vector256.ConditionalSelect(beyond.AsDouble(), beyondResult, Vector256.ConditionalSelect(up.AsDouble(), upResult, downResult));
        var good = large & (beyond | (near & (~up | upGood)));
        result = Vector256.ConditionalSelect(good.AsDouble(), computed, result);
        return Rescalar(argument, result, large & ~good, exp);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<double> Rescalar(Vector256<double> x, Vector256<double> result, Vector256<ulong> lanes, bool exp)
    {
        if (lanes == Vector256<ulong>.Zero)
            return result;
        for (var lane = 0; lane < Vector256<double>.Count; lane++)
        {
            if (lanes.GetElement(lane) != 0)
                result = result.WithElement(lane, exp ? Math.Exp(x.GetElement(lane)) : Math.Pow(2.0, x.GetElement(lane)));
        }

        return result;
    }

    /// <summary>
    /// Inputs spread over the whole range in steps that are not a multiple of ln2/128 (so every table entry is
    /// reached many times), plus both edges of the main path, zero, infinities and NaN; for 2^y the same and the
    /// negated products of the decay factors with gaps from a microsecond to days.
    /// </summary>
    private static bool AgreesWithScalar()
    {
        Span<double> inputs = stackalloc double[4096];
        var count = 0;
        for (var v = -1100.5; v < 1030 && count < inputs.Length - 128; v += 0.5627)
            inputs[count++] = v;
        ReadOnlySpan<double> edges =
        [
            0.0, -0.0, Math.ScaleB(1, -54), -Math.ScaleB(1, -54), Math.BitDecrement(Math.ScaleB(1, -54)), 512.0, -512.0, 511.9999999999999,
            -511.9999999999999, Math.ScaleB(1, -65), -Math.ScaleB(1, -66), 1e-300, 1e-10, -1e-10, 0.5, -0.5, 1.0, -1.0, 20.5, -37.25, 709.78,
            -708.4, -745.2, 738.7, -738.7, 1023.9, -1074.5, double.PositiveInfinity, double.NegativeInfinity, double.NaN, double.Epsilon,
            0.6931471805599453, 0.00541521234811, -5e-6, -3e-6, -1e-6, -1e-7, -1e-8, -0.0173, -0.25, -1.7, -36.5, -86400, -1e9,
        ];
        foreach (var edge in edges)
            inputs[count++] = edge;
        while (count % Vector256<double>.Count != 0)
            inputs[count++] = 0.25;

        for (var i = 0; i < count; i += Vector256<double>.Count)
        {
            var lanes = Vector256.Create(inputs.Slice(i, Vector256<double>.Count));
            var exps = Exp(lanes);
            var powers = Pow2(lanes);
            for (var lane = 0; lane < Vector256<double>.Count; lane++)
            {
                var x = inputs[i + lane];
                if (!SameBits(exps.GetElement(lane), Math.Exp(x)) || !SameBits(powers.GetElement(lane), Math.Pow(2.0, x)))
                    return false;
            }
        }

        return true;
    }

    private static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    // For k in 0..127: T[2k] = bits of (2^(k/128) - s)/s rounded, where s is 2^(k/128) rounded to the nearest double,
    // and T[2k+1] = bits of s minus k << 45, so that adding k << 45 for the whole k puts the integer part of k/128 in
    // the exponent. Computed with 80-digit decimal arithmetic.
    private static ReadOnlySpan<ulong> Table =>
    [
        0x0000000000000000, 0x3FF0000000000000, 0x3C9B3B4F1A88BF6E, 0x3FEFF63DA9FB3335,
        0xBC7160139CD8DC5D, 0x3FEFEC9A3E778061, 0xBC905E7A108766D1, 0x3FEFE315E86E7F85,
        0x3C8CD2523567F613, 0x3FEFD9B0D3158574, 0xBC8BCE8023F98EFA, 0x3FEFD06B29DDF6DE,
        0x3C60F74E61E6C861, 0x3FEFC74518759BC8, 0x3C90A3E45B33D399, 0x3FEFBE3ECAC6F383,
        0x3C979AA65D837B6D, 0x3FEFB5586CF9890F, 0x3C8EB51A92FDEFFC, 0x3FEFAC922B7247F7,
        0x3C3EBE3D702F9CD1, 0x3FEFA3EC32D3D1A2, 0xBC6A033489906E0B, 0x3FEF9B66AFFED31B,
        0xBC9556522A2FBD0E, 0x3FEF9301D0125B51, 0xBC5080EF8C4EEA55, 0x3FEF8ABDC06C31CC,
        0xBC91C923B9D5F416, 0x3FEF829AAEA92DE0, 0x3C80D3E3E95C55AF, 0x3FEF7A98C8A58E51,
        0xBC801B15EAA59348, 0x3FEF72B83C7D517B, 0xBC8F1FF055DE323D, 0x3FEF6AF9388C8DEA,
        0x3C8B898C3F1353BF, 0x3FEF635BEB6FCB75, 0xBC96D99C7611EB26, 0x3FEF5BE084045CD4,
        0x3C9AECF73E3A2F60, 0x3FEF54873168B9AA, 0xBC8FE782CB86389D, 0x3FEF4D5022FCD91D,
        0x3C8A6F4144A6C38D, 0x3FEF463B88628CD6, 0x3C807A05B0E4047D, 0x3FEF3F49917DDC96,
        0x3C968EFDE3A8A894, 0x3FEF387A6E756238, 0x3C875E18F274487D, 0x3FEF31CE4FB2A63F,
        0x3C80472B981FE7F2, 0x3FEF2B4565E27CDD, 0xBC96B87B3F71085E, 0x3FEF24DFE1F56381,
        0x3C82F7E16D09AB31, 0x3FEF1E9DF51FDEE1, 0xBC3D219B1A6FBFFA, 0x3FEF187FD0DAD990,
        0x3C8B3782720C0AB4, 0x3FEF1285A6E4030B, 0x3C6E149289CECB8F, 0x3FEF0CAFA93E2F56,
        0x3C834D754DB0ABB6, 0x3FEF06FE0A31B715, 0x3C864201E2AC744C, 0x3FEF0170FC4CD831,
        0x3C8FDD395DD3F84A, 0x3FEEFC08B26416FF, 0xBC86A3803B8E5B04, 0x3FEEF6C55F929FF1,
        0xBC924AEDCC4B5068, 0x3FEEF1A7373AA9CB, 0xBC9907F81B512D8E, 0x3FEEECAE6D05D866,
        0xBC71D1E83E9436D2, 0x3FEEE7DB34E59FF7, 0xBC991919B3CE1B15, 0x3FEEE32DC313A8E5,
        0x3C859F48A72A4C6D, 0x3FEEDEA64C123422, 0xBC9312607A28698A, 0x3FEEDA4504AC801C,
        0xBC58A78F4817895B, 0x3FEED60A21F72E2A, 0xBC7C2C9B67499A1B, 0x3FEED1F5D950A897,
        0x3C4363ED60C2AC11, 0x3FEECE086061892D, 0x3C9666093B0664EF, 0x3FEECA41ED1D0057,
        0x3C6ECCE1DAA10379, 0x3FEEC6A2B5C13CD0, 0x3C93FF8E3F0F1230, 0x3FEEC32AF0D7D3DE,
        0x3C7690CEBB7AAFB0, 0x3FEEBFDAD5362A27, 0x3C931DBDEB54E077, 0x3FEEBCB299FDDD0D,
        0xBC8F94340071A38E, 0x3FEEB9B2769D2CA7, 0xBC87DECCDC93A349, 0x3FEEB6DAA2CF6642,
        0xBC78DEC6BD0F385F, 0x3FEEB42B569D4F82, 0xBC861246EC7B5CF6, 0x3FEEB1A4CA5D920F,
        0x3C93350518FDD78E, 0x3FEEAF4736B527DA, 0x3C7B98B72F8A9B05, 0x3FEEAD12D497C7FD,
        0x3C9063E1E21C5409, 0x3FEEAB07DD485429, 0x3C34C7855019C6EA, 0x3FEEA9268A5946B7,
        0x3C9432E62B64C035, 0x3FEEA76F15AD2148, 0xBC8CE44A6199769F, 0x3FEEA5E1B976DC09,
        0xBC8C33C53BEF4DA8, 0x3FEEA47EB03A5585, 0xBC845378892BE9AE, 0x3FEEA34634CCC320,
        0xBC93CEDD78565858, 0x3FEEA23882552225, 0x3C5710AA807E1964, 0x3FEEA155D44CA973,
        0xBC93B3EFBF5E2228, 0x3FEEA09E667F3BCD, 0xBC6A12AD8734B982, 0x3FEEA012750BDABF,
        0xBC6367EFB86DA9EE, 0x3FEE9FB23C651A2F, 0xBC80DC3D54E08851, 0x3FEE9F7DF9519484,
        0xBC781F647E5A3ECF, 0x3FEE9F75E8EC5F74, 0xBC86EE4AC08B7DB0, 0x3FEE9F9A48A58174,
        0xBC8619321E55E68A, 0x3FEE9FEB564267C9, 0x3C909CCB5E09D4D3, 0x3FEEA0694FDE5D3F,
        0xBC7B32DCB94DA51D, 0x3FEEA11473EB0187, 0x3C94ECFD5467C06B, 0x3FEEA1ED0130C132,
        0x3C65EBE1ABD66C55, 0x3FEEA2F336CF4E62, 0xBC88A1C52FB3CF42, 0x3FEEA427543E1A12,
        0xBC9369B6F13B3734, 0x3FEEA589994CCE13, 0xBC805E843A19FF1E, 0x3FEEA71A4623C7AD,
        0xBC94D450D872576E, 0x3FEEA8D99B4492ED, 0x3C90AD675B0E8A00, 0x3FEEAAC7D98A6699,
        0x3C8DB72FC1F0EAB4, 0x3FEEACE5422AA0DB, 0xBC65B6609CC5E7FF, 0x3FEEAF3216B5448C,
        0x3C7BF68359F35F44, 0x3FEEB1AE99157736, 0xBC93091FA71E3D83, 0x3FEEB45B0B91FFC6,
        0xBC5DA9B88B6C1E29, 0x3FEEB737B0CDC5E5, 0xBC6C23F97C90B959, 0x3FEEBA44CBC8520F,
        0xBC92434322F4F9AA, 0x3FEEBD829FDE4E50, 0xBC85CA6CD7668E4B, 0x3FEEC0F170CA07BA,
        0x3C71AFFC2B91CE27, 0x3FEEC49182A3F090, 0x3C6DD235E10A73BB, 0x3FEEC86319E32323,
        0xBC87C50422622263, 0x3FEECC667B5DE565, 0x3C8B1C86E3E231D5, 0x3FEED09BEC4A2D33,
        0xBC91BBD1D3BCBB15, 0x3FEED503B23E255D, 0x3C90CC319CEE31D2, 0x3FEED99E1330B358,
        0x3C8469846E735AB3, 0x3FEEDE6B5579FDBF, 0xBC82DFCD978E9DB4, 0x3FEEE36BBFD3F37A,
        0x3C8C1A7792CB3387, 0x3FEEE89F995AD3AD, 0xBC907B8F4AD1D9FA, 0x3FEEEE07298DB666,
        0xBC55C3D956DCAEBA, 0x3FEEF3A2B84F15FB, 0xBC90A40E3DA6F640, 0x3FEEF9728DE5593A,
        0xBC68D6F438AD9334, 0x3FEEFF76F2FB5E47, 0xBC91EEE26B588A35, 0x3FEF05B030A1064A,
        0x3C74FFD70A5FDDCD, 0x3FEF0C1E904BC1D2, 0xBC91BDFBFA9298AC, 0x3FEF12C25BD71E09,
        0x3C736EAE30AF0CB3, 0x3FEF199BDD85529C, 0x3C8EE3325C9FFD94, 0x3FEF20AB5FFFD07A,
        0x3C84E08FD10959AC, 0x3FEF27F12E57D14B, 0x3C63CDAF384E1A67, 0x3FEF2F6D9406E7B5,
        0x3C676B2C6C921968, 0x3FEF3720DCEF9069, 0xBC808A1883CCB5D2, 0x3FEF3F0B555DC3FA,
        0xBC8FAD5D3FFFFA6F, 0x3FEF472D4A07897C, 0xBC900DAE3875A949, 0x3FEF4F87080D89F2,
        0x3C74A385A63D07A7, 0x3FEF5818DCFBA487, 0xBC82919E2040220F, 0x3FEF60E316C98398,
        0x3C8E5A50D5C192AC, 0x3FEF69E603DB3285, 0x3C843A59AC016B4B, 0x3FEF7321F301B460,
        0xBC82D52107B43E1F, 0x3FEF7C97337B9B5F, 0xBC892AB93B470DC9, 0x3FEF864614F5A129,
        0x3C74B604603A88D3, 0x3FEF902EE78B3FF6, 0x3C83C5EC519D7271, 0x3FEF9A51FBC74C83,
        0xBC8FF7128FD391F0, 0x3FEFA4AFA2A490DA, 0xBC8DAE98E223747D, 0x3FEFAF482D8E67F1,
        0x3C8EC3BC41AA2008, 0x3FEFBA1BEE615A27, 0x3C842B94C3A9EB32, 0x3FEFC52B376BBA97,
        0x3C8A64A931D185EE, 0x3FEFD0765B6E4540, 0xBC8E37BAE43BE3ED, 0x3FEFDBFDAD9CBE14,
        0x3C77893B4D91CD9D, 0x3FEFE7C1819E90D8, 0x3C5305C14160CC89, 0x3FEFF3C22B8F71F1,
    ];
}
