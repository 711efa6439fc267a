using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Fennec.Features.AfterImage;

/// <summary>
/// One number per decay factor, held where arithmetic is cheapest: the first four λ in a 256-bit vector, the fifth
/// beside it. Every operation is the scalar one in each lane (never fused), so the bits are those of one λ at a time.
/// Packed to 40 bytes: the vector's own 32-byte alignment would pad it to 64, and arrays of them (pairs, logs) are
/// only 8-byte aligned anyway.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 8)]
internal struct LambdaLanes
{
    public Vector256<double> First;
    public double Fifth;

    /// <summary>One in every lane.</summary>
    public static LambdaLanes One => All(1.0);

    /// <summary>The five values, λ by λ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LambdaLanes Of(double l0, double l1, double l2, double l3, double l4) =>
        new() { First = Vector256.Create(l0, l1, l2, l3), Fifth = l4 };

    /// <summary>The same value at every λ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LambdaLanes All(double value) => new() { First = Vector256.Create(value), Fifth = value };

    /// <summary>The first five values of <paramref name="values"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LambdaLanes Load(ReadOnlySpan<double> values) => new() { First = Vector256.Create(values), Fifth = values[4] };

    /// <summary>The value at λ number <paramref name="k"/>.</summary>
    public readonly double this[int k] => k < 4 ? First.GetElement(k) : Fifth;

    /// <summary>Sets the value at λ number <paramref name="k"/>.</summary>
    public void Set(int k, double value)
    {
        if (k < 4)
            First = First.WithElement(k, value);
        else
            Fifth = value;
    }

    /// <summary>Writes the five values to <paramref name="destination"/>.</summary>
    public readonly void CopyTo(Span<double> destination)
    {
        First.CopyTo(destination);
        destination[4] = Fifth;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LambdaLanes operator *(in LambdaLanes a, in LambdaLanes b) => new() { First = a.First * b.First, Fifth = a.Fifth * b.Fifth };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LambdaLanes operator +(in LambdaLanes a, in LambdaLanes b) => new() { First = a.First + b.First, Fifth = a.Fifth + b.Fifth };
}
