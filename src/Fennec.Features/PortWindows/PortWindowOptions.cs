namespace Fennec.Features.PortWindows;

/// <summary>Settings of the port windows (the input of NTT Communications' DDoS autoencoder).</summary>
public sealed record PortWindowOptions
{
    /// <summary>Width of a window.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Source ports and destination ports followed (the K of each present in the most training windows).</summary>
    public int TopPorts { get; init; } = 15;

    /// <summary>Distinct (source port, destination port) pairs kept per window; past it distinct counts saturate (and are counted).</summary>
    public int MaxPairsPerWindow { get; init; } = 65_536;

    /// <summary>Checks the values and throws <see cref="ArgumentException"/> naming the first one out of range.</summary>
    public void Validate()
    {
        if (Window <= TimeSpan.Zero)
            throw new ArgumentException($"Window must be positive, not {Window}.");
        if (TopPorts < 1)
            throw new ArgumentException($"TopPorts must be at least 1, not {TopPorts}.");
        if (MaxPairsPerWindow < 1)
            throw new ArgumentException($"MaxPairsPerWindow must be at least 1, not {MaxPairsPerWindow}.");
    }
}
