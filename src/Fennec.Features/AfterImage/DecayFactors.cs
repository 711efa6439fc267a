namespace Fennec.Features.AfterImage;

/// <summary>The five decay factors λ of AfterImage, in the order of the feature columns.</summary>
public static class DecayFactors
{
    /// <summary>How many decay factors there are.</summary>
    public const int Count = 5;

    /// <summary>λ = 5, 3, 1, 0.1, 0.01: a stream's weight halves every 1/λ seconds.</summary>
    public static ReadOnlySpan<double> Values => [5.0, 3.0, 1.0, 0.1, 0.01];

    /// <summary>The decay factors as the reference writes them in keys and column names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["5", "3", "1", "0.1", "0.01"];

    /// <summary>A human name of the time window of one decay factor, for explanations.</summary>
    public static string WindowName(int index) => index switch
    {
        0 => "100 ms window",
        1 => "500 ms window",
        2 => "1.5 s window",
        3 => "10 s window",
        4 => "1 min window",
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}
