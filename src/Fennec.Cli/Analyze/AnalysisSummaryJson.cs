using System.Text.Json;
using Fennec.Pipeline.Analysis;

namespace Fennec.Cli.Analyze;

/// <summary>Writes <c>--summary</c>: the run's figures, every incident and where the time went, as one JSON document.</summary>
internal static class AnalysisSummaryJson
{
    public static void Write(Stream stream, AnalysisResult result, long runId, AnalyzeSettings settings, TimeSpan elapsed)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var profile = result.Profile;
        json.WriteStartObject();
        json.WriteNumber("run_id", runId);
        json.WriteString("db", settings.DbPath);
        json.WriteString("report", settings.ReportPath);
        json.WriteNumber("packets", result.Packets);
        if (result.Collected is { } collected)
        {
            json.WriteStartObject("collected");
            json.WriteNumber("rows", collected.Rows);
            json.WriteNumber("paired", collected.Paired);
            json.WriteNumber("one_way", collected.Unpaired);
            json.WriteNumber("bidirectional", collected.Bidirectional);
            json.WriteNumber("evicted_unpaired", collected.Evicted);
            json.WriteNumber("out_of_order", collected.OutOfOrder);
            json.WriteNumber("packets_scaled", profile.Packets);
            json.WriteEndObject();
        }
        json.WriteNumber("bytes", profile.Bytes);
        json.WriteNumber("flows", profile.Flows);
        json.WriteNumber("inside_hosts", profile.InsideHosts.Count);
        json.WriteNumber("countries", profile.Countries.Count);
        if (profile.Flows > 0)
        {
            json.WriteNumber("capture_first_ns", profile.FirstNs);
            json.WriteNumber("capture_last_ns", profile.LastNs);
        }
        json.WriteNumber("learned_until_ns", result.LearnedUntilNs);
        json.WriteNumber("kitsune_scored", result.KitsuneScored);
        json.WriteNumber("kitsune_flagged", result.KitsuneFlagged);
        json.WriteNumber("candidates", result.Candidates.Count);
        json.WriteNumber("weak_network_claims_not_shown_as_incidents", result.UnattachedSiteClaims);
        json.WriteString("alert_budget", settings.Budget.ToString());
        json.WriteNumber("incidents_shown", result.Shown);
        json.WriteNumber("incidents_suppressed", result.Suppressed);
        json.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
        json.WriteNumber("packets_per_second", elapsed.TotalSeconds > 0 ? Math.Round(result.Packets / elapsed.TotalSeconds) : 0);

        json.WriteStartObject("seconds_by_stage");
        foreach (var (stage, time) in result.Timings.All)
            json.WriteNumber(StageName(stage), Math.Round(time.TotalSeconds, 3));
        json.WriteEndObject();

        json.WriteStartArray("incidents");
        foreach (var incident in result.Incidents)
        {
            json.WriteStartObject();
            json.WriteNumber("id", incident.Id);
            json.WriteBoolean("shown", incident.Shown);
            json.WriteNumber("first_ns", incident.FirstNs);
            json.WriteNumber("last_ns", incident.LastNs);
            json.WriteNumber("detected_ns", incident.DetectedNs);
            json.WriteNumber("severity", Math.Round(incident.Severity, 3));
            json.WriteString("kind", incident.Kind);
            json.WriteString("host", incident.Host);
            if (incident.Peer is null)
                json.WriteNull("peer");
            else
                json.WriteString("peer", incident.Peer);
            json.WriteStartArray("detectors");
            foreach (var detector in incident.Detectors)
                json.WriteStringValue(detector);
            json.WriteEndArray();
            json.WriteString("title", incident.Title);
            json.WriteString("explanation", incident.Explanation);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string StageName(AnalysisStage stage) => stage switch
    {
        AnalysisStage.ReadDecode => "read_decode",
        AnalysisStage.Flows => "flows_enrich_store",
        AnalysisStage.Kitsune => "kitsune",
        AnalysisStage.Detection => "detection",
        _ => "output",
    };
}
