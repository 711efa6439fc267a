using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Fennec.Features.AfterImage;

/// <summary>
/// One number per decay factor, held where arithmetic is cheapest: the first four λ in a 256-bit vector, the fifth
/// beside it. Every operation is the scalar one in each lane (never fused), so the bits are those of one λ at a time.
/// </summary>
internal struct LambdaLanes
{
    public Vector256<double> First;
    public double Fifth;

    /// <summary>The five values, λ by λ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LambdaLanes Of(double l0, double l1, double l2, double l3, double l4) =>
        new() { First = Vector256.Create(l0, l1, l2, l3), Fifth = l4 };

    /// <summary>The first five values of <paramref name="values"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LambdaLanes Load(ReadOnlySpan<double> values) => new() { First = Vector256.Create(values), Fifth = values[4] };

    /// <summary>The value at λ number <paramref name="k"/>.</summary>
    public readonly double this[int k] => k < 4 ? First.GetElement(k) : Fifth;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LambdaLanes operator *(LambdaLanes a, LambdaLanes b) => new() { First = a.First * b.First, Fifth = a.Fifth * b.Fifth };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LambdaLanes operator +(LambdaLanes a, LambdaLanes b) => new() { First = a.First + b.First, Fifth = a.Fifth + b.Fifth };
}
