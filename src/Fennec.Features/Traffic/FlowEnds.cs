using Fennec.Enrichment.Geo;

namespace Fennec.Features.Traffic;

/// <summary>What enrichment says about the two ends of a flow: inside the home networks or not, and their countries.</summary>
/// <param name="SrcInside">The initiator is inside the home networks.</param>
/// <param name="DstInside">The responder is inside the home networks.</param>
/// <param name="SrcCountry">The initiator's country, <see cref="CountryCode.None"/> when unknown or private.</param>
/// <param name="DstCountry">The responder's country.</param>
/// <param name="SrcAsn">The initiator's autonomous system number, 0 when unknown.</param>
/// <param name="DstAsn">The responder's autonomous system number, 0 when unknown.</param>
public readonly record struct FlowEnds(
    bool SrcInside, bool DstInside, CountryCode SrcCountry, CountryCode DstCountry, uint SrcAsn = 0, uint DstAsn = 0)
{
    /// <summary>The direction of the flow across the edge of the home network.</summary>
    public TrafficDirection Direction => (SrcInside, DstInside) switch
    {
        (true, false) => TrafficDirection.Outbound,
        (false, true) => TrafficDirection.Inbound,
        (true, true) => TrafficDirection.Internal,
        _ => TrafficDirection.External,
    };
}
