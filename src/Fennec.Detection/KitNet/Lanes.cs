using System.Numerics;
using System.Runtime.Intrinsics;

namespace Fennec.Detection.KitNet;

/// <summary>
/// A vector of four doubles as a number for generic arithmetic (<see cref="PairwiseSum"/>), added lane by lane:
/// <see cref="Vector256{T}"/> itself does not implement the generic math interfaces.
/// </summary>
internal readonly struct Lanes(Vector256<double> value) : IAdditionOperators<Lanes, Lanes, Lanes>, IAdditiveIdentity<Lanes, Lanes>
{
    /// <summary>The four values.</summary>
    public Vector256<double> Value { get; } = value;

    /// <summary>Zero in every lane.</summary>
    public static Lanes AdditiveIdentity => default;

    /// <summary>Lane-by-lane sum.</summary>
    public static Lanes operator +(Lanes left, Lanes right) => new(left.Value + right.Value);
}
