namespace Fennec.Reporting;

/// <summary>One host of the network map.</summary>
public sealed record NetworkNode
{
    /// <summary>The host's address as text; edges refer to it.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>True for a host inside the home networks.</summary>
    public bool Inside { get; init; }

    /// <summary>The ISO alpha-2 country of an outside host, when GeoIP knows it.</summary>
    public string? Country { get; init; }

    /// <summary>Bytes the host sent and received.</summary>
    public long Bytes { get; init; }

    /// <summary>The highest severity of the incidents involving the host; 0 when there are none.</summary>
    public double IncidentSeverity { get; init; }

    /// <summary>A name for the host (reverse DNS, role, asset name), shown beside the address.</summary>
    public string? Label { get; init; }
}
