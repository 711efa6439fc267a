namespace Fennec.Reporting;

/// <summary>Traffic between two hosts of the network map (direction ignored).</summary>
public sealed record NetworkEdge
{
    /// <summary>The <see cref="NetworkNode.Id"/> of one end.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The <see cref="NetworkNode.Id"/> of the other end.</summary>
    public string Target { get; init; } = string.Empty;

    /// <summary>Bytes exchanged.</summary>
    public long Bytes { get; init; }

    /// <summary>Flows between the two.</summary>
    public long Flows { get; init; }
}
