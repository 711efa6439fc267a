namespace Fennec.Reporting;

/// <summary>Traffic with one country over the last 24 hours of capture time.</summary>
public sealed record CountryActivity
{
    /// <summary>The ISO 3166-1 alpha-2 code as GeoIP gives it ("DE").</summary>
    public string CountryCode { get; init; } = string.Empty;

    /// <summary>Flows with hosts in the country.</summary>
    public long Flows { get; init; }

    /// <summary>Bytes exchanged with the country.</summary>
    public long Bytes { get; init; }

    /// <summary>Packets exchanged with the country.</summary>
    public long Packets { get; init; }

    /// <summary>Distinct inside hosts that talked to the country.</summary>
    public long InsideHosts { get; init; }

    /// <summary>Flows the country's hosts started towards the network.</summary>
    public long InboundFlows { get; init; }

    /// <summary>Flows inside hosts started towards the country.</summary>
    public long OutboundFlows { get; init; }
}
