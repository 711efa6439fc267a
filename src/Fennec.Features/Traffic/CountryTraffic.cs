using Fennec.Packets.Decoding;

namespace Fennec.Features.Traffic;

/// <summary>Traffic with one country over the whole run, and when and with whom it was first seen.</summary>
public sealed class CountryTraffic
{
    /// <summary>Start of the first flow with this country (Unix nanoseconds).</summary>
    public long FirstNs { get; set; } = long.MaxValue;

    /// <summary>The inside host of that first flow.</summary>
    public IpAddress FirstInside { get; set; }

    /// <summary>The outside host of that first flow.</summary>
    public IpAddress FirstOutside { get; set; }

    /// <summary>Flows with this country.</summary>
    public long Flows { get; set; }

    /// <summary>Bytes of those flows.</summary>
    public long Bytes { get; set; }

    /// <summary>Distinct inside hosts that talked with it.</summary>
    public DistinctCounter InsideHosts { get; } = new();

    /// <summary>Distinct outside hosts of this country.</summary>
    public DistinctCounter OutsideHosts { get; } = new();
}
