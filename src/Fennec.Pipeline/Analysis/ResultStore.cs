using System.Text.Json;
using Fennec.Detection.Incidents;
using Fennec.Enrichment.Geo;
using Fennec.Features.Traffic;
using Fennec.Storage;
using Dimension = Fennec.Features.Traffic.RollupDimension;
using StoredDimension = Fennec.Storage.RollupDimension;

namespace Fennec.Pipeline.Analysis;

/// <summary>Writes what an analysis found to the store: hosts, rollups, detector scores and incidents.</summary>
public static class ResultStore
{
    /// <summary>Writes everything of <paramref name="result"/> under run <paramref name="runId"/>.</summary>
    public static void Write(FennecStore store, long runId, AnalysisResult result)
    {
        var profile = result.Profile;
        store.WriteHosts(runId, result.Hosts.Select(h => new StoredHost(
            h.Address, h.Inside, h.Country, 0, h.FirstNs, h.LastNs, h.BytesOut, h.BytesIn, h.PacketsOut, h.PacketsIn,
            h.FlowsOut, h.FlowsIn, h.Peers)));
        store.WriteRollups(runId, Rollups(profile));
        store.WriteScores(runId, result.Candidates.Select(c => new StoredScore(
            c.Detector, c.StartNs, c.Peer is null ? $"{c.Host} {c.Kind}" : $"{c.Host} {c.Peer} {c.Kind}", c.Score, 0)));
        store.WriteIncidents(runId, result.Incidents.Select(ToStored));
    }

    /// <summary>The rollup rows of a profile: per minute for the whole network, per hour by every dimension.</summary>
    public static IEnumerable<StoredRollup> Rollups(TrafficProfile profile)
    {
        foreach (var (key, counters) in profile.Fine)
            yield return Row(RollupGranularity.Minute, profile.FineBucketNs, key, counters, profile);
        foreach (var (key, counters) in profile.Hourly)
            yield return Row(RollupGranularity.Hour, profile.BucketNs, key, counters, profile);
    }

    private static StoredRollup Row(RollupGranularity granularity, long widthNs, RollupKey key, TrafficCounters c, TrafficProfile profile) =>
        new(granularity, key.Bucket * widthNs, Map(key.Dimension), KeyText(key, profile), Map(key.Direction),
            (long)Math.Round(c.Bytes), (long)Math.Round(c.Packets), c.Flows, c.Peers.Count);

    /// <summary>The text of a rollup key as the store keeps it (address, country code, protocol number, protocol/port).</summary>
    public static string KeyText(RollupKey key, TrafficProfile profile) => key.Dimension switch
    {
        Dimension.Site => "",
        Dimension.Host => profile.InsideHosts[(int)key.Key].ToString(),
        Dimension.Country => new CountryCode((ushort)key.Key).ToString(),
        Dimension.Protocol => key.Key.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Dimension.Port => $"{key.Key >> 16}/{key.Key & 0xFFFF}",
        _ => key.Key.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static StoredDimension Map(Dimension dimension) => dimension switch
    {
        Dimension.Site => StoredDimension.Site,
        Dimension.Host => StoredDimension.Host,
        Dimension.Country => StoredDimension.Country,
        Dimension.Protocol => StoredDimension.Protocol,
        _ => StoredDimension.Port,
    };

    private static RollupDirection Map(TrafficDirection direction) => direction switch
    {
        TrafficDirection.Inbound => RollupDirection.In,
        TrafficDirection.Outbound => RollupDirection.Out,
        _ => RollupDirection.Internal,
    };

    private static StoredIncident ToStored(Incident incident)
    {
        var evidence = JsonSerializer.Serialize(incident.Evidence.Select(e => new EvidenceRow(
            e.Detector, e.Kind, e.Host, e.Peer, e.StartNs, e.EndNs, e.Score, e.Evidence)).ToList(), AnalysisJson.Default.ListEvidenceRow);
        return new StoredIncident(incident.Id, incident.FirstNs, incident.LastNs, incident.Severity, incident.Kind, incident.Host,
            incident.Peer, incident.Title, incident.Explanation, incident.Shown, evidence);
    }
}
