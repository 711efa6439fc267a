using Fennec.Reporting.Format;

namespace Fennec.Reporting.Html;

// The sections of the page, in page order.
internal sealed partial class ReportDocument
{
    private void WriteCountries()
    {
        var caption = $"Countries of the outside hosts that exchanged traffic with the network from {Units.Time(_view.CountryWindowStartNs)} " +
                      $"to {Units.Time(Model.CaptureLastNs)} (the last 24 hours of capture time), shaded by flows.";
        if (!OpenSection("countries", "Countries in the last 24 hours", caption, _view.Countries.Count == 0,
                "no traffic with outside hosts in the last 24 hours of the capture."))
            return;

        Chart("chart-countries", "chart-map", "World map of flows per country");
        Raw("<p class=\"note\" id=\"countries-unmapped\" hidden></p>\n");
        var flows = _view.Countries.Sum(c => c.Flows);
        Table("table-countries",
            [new("Country"), new("Flows", true), new("Share", true), new("Inbound", true), new("Outbound", true), new("Bytes", true),
             new("Packets", true), new("Inside hosts", true)],
            _view.Countries, c =>
            {
                Raw("<td><span class=\"cc\">");
                Text(c.CountryCode.ToUpperInvariant());
                Raw("</span> ");
                Text(ReportView.CountryName(c.CountryCode));
                Raw("</td>");
                Number(Units.Count(c.Flows));
                Number(Units.Percent(c.Flows, flows));
                Number(Units.Count(c.InboundFlows));
                Number(Units.Count(c.OutboundFlows));
                Number(Units.Bytes(c.Bytes));
                Number(Units.Count(c.Packets));
                Number(Units.Count(c.InsideHosts));
            });
        CloseSection();
    }

    private void WriteNetwork()
    {
        var total = Model.Network.Nodes.Count;
        if (!OpenSection("network", "Network map", null, total == 0, "no hosts were seen."))
            return;

        var shown = _view.Nodes.Count;
        var scope = _view.NodesLeftOut > 0
            ? $"The {Units.Count(shown)} hosts with the most bytes, of {Units.Count(total)} ({Units.Count(_view.NodesLeftOut)} left out)"
            : $"All {Units.Count(total)} hosts";
        var edges = _view.EdgesBetweenKept > _view.Edges.Count
            ? $"the {Units.Count(_view.Edges.Count)} largest of the {Units.Count(_view.EdgesBetweenKept)} conversations between them"
            : $"{Units.Count(_view.Edges.Count)} conversations between them";
        Caption($"{scope}, and {edges}. Circles are inside hosts, diamonds outside peers; size grows with bytes (log scale); " +
                "hosts involved in incidents are coloured from amber to red by their highest severity. Drag to move, scroll to zoom.",
            "network-caption");
        Chart("chart-network", "chart-graph", "Graph of inside hosts and their outside peers");
        CloseSection();
    }

    private void WriteHourly()
    {
        if (!OpenSection("hourly", "Traffic and baseline", null, _view.Hourly.Count == 0, "no hourly traffic was recorded."))
            return;

        var withBand = _view.Hourly.Where(p => p.BaselineLow is not null && p.BaselineHigh is not null).ToList();
        var above = withBand.Count(p => p.Bytes > p.BaselineHigh);
        var below = withBand.Count(p => p.Bytes < p.BaselineLow);
        var band = withBand.Count == 0
            ? "The baseline was not ready within the capture, so no normal band is drawn."
            : $"The shaded band is the baseline's normal range for each hour (from {Units.Time(withBand[0].BucketNs)}), the dashed line its mean; " +
              $"{Units.Count(above)} of {Units.Count(withBand.Count)} hours were above the band and {Units.Count(below)} below.";
        var capped = Model.Hourly.Count > _view.Hourly.Count ? $" Only the last {Units.Count(_view.Hourly.Count)} of {Units.Count(Model.Hourly.Count)} hours are drawn." : "";
        Caption($"Bytes per hour of capture time, {Units.Time(_view.Hourly[0].BucketNs)} to {Units.Time(_view.Hourly[^1].BucketNs)}. {band} " +
                $"Red lines mark the hours in which shown incidents began.{capped}", "hourly-caption");
        Chart("chart-hourly", "chart-line", "Bytes per hour with the baseline band and incidents");
        CloseSection();
    }

    private void WriteIncidents()
    {
        if (!OpenSection("incidents", "Incidents", null, Model.Incidents.Count == 0, "no incidents were raised."))
            return;

        var budget = string.IsNullOrWhiteSpace(Model.Summary.AlertBudget) ? "" : $" (alert budget {Model.Summary.AlertBudget})";
        var capped = Model.Incidents.Count > _view.Timeline.Count
            ? $" The timeline draws the {Units.Count(_view.Timeline.Count)} most severe of {Units.Count(Model.Incidents.Count)}." : "";
        Caption($"{Units.Count(_view.Shown.Count)} shown and {Units.Count(_view.Suppressed.Count)} suppressed by the alert budget{budget}. " +
                $"Each point is an incident at the time it began, higher is more severe; hollow points were suppressed.{capped}", "incidents-caption");
        Chart("chart-incidents", "chart-scatter", "Incidents over time by severity");

        Raw("<h3>Shown</h3>\n");
        if (_view.Shown.Count == 0)
            Empty("incidents-shown", "every incident was suppressed by the alert budget; see below.");
        else
            IncidentTable("table-incidents-shown", _view.Shown);

        if (_view.Suppressed.Count > 0)
        {
            Raw("<details class=\"suppressed\" id=\"incidents-suppressed\">\n<summary>Suppressed by the alert budget (");
            Text(Units.Count(_view.Suppressed.Count));
            Raw(")</summary>\n");
            IncidentTable("table-incidents-suppressed", _view.Suppressed);
            Raw("</details>\n");
        }

        CloseSection();
    }

    private void IncidentTable(string id, IReadOnlyList<ReportIncident> incidents)
    {
        Table(id,
            [new("Began (UTC)"), new("Duration", true), new("Severity", true), new("Kind"), new("Host"), new("Peer"), new("What and why"), new("Detectors")],
            incidents.Take(ReportLimits.IncidentRows), i =>
            {
                Cell(Units.Time(i.FirstNs), "time");
                Number(Units.Duration(i.LastNs - i.FirstNs));
                Number(Units.Severity(i.Severity));
                Cell(i.Kind);
                KeyCell(i.Host, null);
                if (i.Peer is null)
                    Cell("");
                else
                    KeyCell(i.Peer, null);
                Raw("<td class=\"explain\"><strong>");
                Text(i.Title);
                Raw("</strong><br>");
                Text(i.Explanation);
                Raw("</td>");
                Cell(string.Join(", ", i.Detectors));
            });
        if (incidents.Count > ReportLimits.IncidentRows)
            Caption($"{Units.Count(incidents.Count - ReportLimits.IncidentRows)} more not listed; the store holds them all.");
    }

    private void WriteTopLists()
    {
        OpenSection("top", "Top talkers, ports and protocols", "Ranked by bytes over the whole capture; shares are of all bytes.");
        Ranked("talkers", "Top talkers", "Host", _view.TopTalkers, "no hosts were ranked.");
        Ranked("ports", "Top ports", "Port", _view.TopPorts, "no ports were ranked.");
        Ranked("protocols", "Protocols", "Protocol", _view.Protocols, "no protocols were ranked.");
        CloseSection();
    }

    private void Ranked(string name, string title, string keyHeader, IReadOnlyList<RankedItem> items, string emptyMessage)
    {
        Raw($"<div class=\"ranked\" id=\"{name}\">\n<h3>");
        Text(title);
        Raw("</h3>\n");
        if (items.Count == 0)
        {
            Empty(name, emptyMessage);
            Raw("</div>\n");
            return;
        }

        Raw("<div class=\"ranked-body\">\n");
        Chart("chart-" + name, "chart-bar", title + " by bytes");
        var total = Model.Summary.Bytes;
        var rank = 0;
        Table("table-" + name,
            [new("#", true), new(keyHeader), new("Bytes", true), new("Share", true), new("Packets", true), new("Flows", true)],
            items, r =>
            {
                Number(Units.Count(++rank));
                KeyCell(r.Key, r.Label);
                Number(Units.Bytes(r.Bytes));
                Number(Units.Percent(r.Bytes, total));
                Number(Units.Count(r.Packets));
                Number(Units.Count(r.Flows));
            });
        Raw("</div>\n</div>\n");
    }
}
