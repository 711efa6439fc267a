namespace Fennec.Reporting;

/// <summary>The hosts seen and the conversations between them. Any size: the report keeps the busiest nodes.</summary>
public sealed record NetworkMap
{
    /// <summary>Hosts, inside and outside.</summary>
    public IReadOnlyList<NetworkNode> Nodes { get; init; } = [];

    /// <summary>Conversations between hosts, by <see cref="NetworkNode.Id"/>.</summary>
    public IReadOnlyList<NetworkEdge> Edges { get; init; } = [];
}
