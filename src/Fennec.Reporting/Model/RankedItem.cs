namespace Fennec.Reporting;

/// <summary>One row of a top list (talkers, ports, protocols).</summary>
public sealed record RankedItem
{
    /// <summary>What is ranked: an address, "tcp/443", "TCP".</summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>A readable name for the key (host name, service name), when there is one.</summary>
    public string? Label { get; init; }

    /// <summary>Bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>Packets.</summary>
    public long Packets { get; init; }

    /// <summary>Flows.</summary>
    public long Flows { get; init; }
}
