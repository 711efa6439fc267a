using System.Text.Json;
using Fennec.Reporting.Assets;
using Fennec.Reporting.Format;
using Fennec.Reporting.Page;

namespace Fennec.Reporting.Html;

/// <summary>
/// Writes the report page: the static parts (header, cards, tables, captions, footer) as HTML, so they read without
/// script, then the charts' data as JSON and the inlined libraries and page script that draw the charts.
/// </summary>
internal sealed partial class ReportDocument
{
    private readonly ReportView _view;
    private readonly TextWriter _w;

    private ReportDocument(ReportView view, TextWriter writer)
    {
        _view = view;
        _w = writer;
    }

    private ReportModel Model => _view.Model;

    /// <summary>Writes the whole page for <paramref name="view"/> to <paramref name="output"/> as UTF-8.</summary>
    public static void Write(ReportView view, Stream output)
    {
        using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
        new ReportDocument(view, writer).WritePage(output);
    }

    private void WritePage(Stream output)
    {
        var hasMap = _view.Countries.Count > 0;
        Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"Fennec\">\n");
        Raw("<title>");
        Text(Model.Title);
        Raw(" · Fennec report</title>\n<style>\n");
        Raw(ReportAssets.PageStyle);
        Raw("</style>\n</head>\n<body>\n");

        WriteMasthead();
        Raw("<main class=\"wrap\">\n");
        WriteSummary();
        WriteCountries();
        WriteNetwork();
        WriteHourly();
        WriteIncidents();
        WriteTopLists();
        Raw("</main>\n");
        WriteFooter();

        Raw("<script type=\"application/json\" id=\"report-data\">");
        _w.Flush();
        JsonSerializer.Serialize(output, _view.ToPageData(), PageJsonContext.Default.PageData);
        Raw("</script>\n");
        if (hasMap)
        {
            Script("application/json", "world-outlines", ReportAssets.WorldOutlines);
            Script("application/json", "iso-codes", ReportAssets.IsoCodes);
        }

        Script(null, "lib-echarts", ReportAssets.Echarts);
        if (hasMap)
            Script(null, "lib-topojson", ReportAssets.Topojson);
        Script(null, "report-script", ReportAssets.PageScript);
        Raw("</body>\n</html>\n");
        _w.Flush();
    }

    private void WriteMasthead()
    {
        Raw("<header class=\"masthead\"><div class=\"wrap\">\n<div class=\"brand\">Fennec <span>network report</span></div>\n<h1>");
        Text(Model.Title);
        Raw("</h1>\n<p class=\"meta\">Capture <time>");
        Text(Units.Time(Model.CaptureFirstNs));
        Raw("</time> to <time>");
        Text(Units.Time(Model.CaptureLastNs));
        Raw("</time> (");
        Text(Units.Duration(_view.DurationNs));
        Raw(", capture time, UTC) · generated <time>");
        Text(Units.Time(Model.GeneratedAt));
        Raw("</time></p>\n");
        if (Model.Inputs.Count > 0)
        {
            Raw("<p class=\"meta inputs\">Input");
            Raw(Model.Inputs.Count > 1 ? "s: " : ": ");
            for (var i = 0; i < Model.Inputs.Count; i++)
            {
                if (i > 0)
                    Raw(", ");
                Raw("<code>");
                Text(Model.Inputs[i]);
                Raw("</code>");
            }

            Raw("</p>\n");
        }

        Raw("<nav class=\"toc\"><a href=\"#countries\">Countries</a><a href=\"#network\">Network</a><a href=\"#hourly\">Traffic and baseline</a>");
        Raw("<a href=\"#incidents\">Incidents</a><a href=\"#top\">Top talkers, ports, protocols</a></nav>\n</div></header>\n");
    }

    private void WriteSummary()
    {
        var s = Model.Summary;
        var duration = _view.DurationNs;
        Raw("<section id=\"summary\" class=\"cards\" aria-label=\"Summary\">\n");
        var inputs = Model.Inputs.Count == 1 ? "1 input" : $"{Units.Count(Model.Inputs.Count)} inputs";
        Card("Capture", Units.Duration(duration), $"{inputs} · from {Units.Time(Model.CaptureFirstNs)[..10]}");
        Card("Packets", Units.Count(s.Packets), duration > 0 ? "avg " + Units.PacketRate(s.Packets, duration) : null);
        Card("Bytes", Units.Bytes(s.Bytes), duration > 0 ? "avg " + Units.BitRate(s.Bytes, duration) : null);
        Card("Flows", Units.Count(s.Flows), null);
        Card("Inside hosts", Units.Count(s.InsideHosts), null);
        Card("Outside hosts", Units.Count(s.OutsideHosts), null);
        Card("Countries", Units.Count(s.Countries), $"{Units.Count(Model.Countries.Count)} in the last 24 h");
        var budget = string.IsNullOrWhiteSpace(s.AlertBudget) ? "no alert budget" : "budget " + s.AlertBudget;
        Card("Incidents shown", Units.Count(s.IncidentsShown), $"{Units.Count(s.IncidentsSuppressed)} suppressed · {budget}",
            s.IncidentsShown > 0 ? "alert" : null);
        Raw("</section>\n");
    }

    private void Card(string label, string value, string? sub, string? modifier = null)
    {
        Raw(modifier is null ? "<div class=\"card\">" : $"<div class=\"card {modifier}\">");
        Raw("<div class=\"label\">");
        Text(label);
        Raw("</div><div class=\"value\">");
        Text(value);
        Raw("</div>");
        if (sub is not null)
        {
            Raw("<div class=\"sub\">");
            Text(sub);
            Raw("</div>");
        }

        Raw("</div>\n");
    }

    private void WriteFooter()
    {
        Raw("<footer class=\"wrap\" id=\"footer\">\n<h2>Sources and attributions</h2>\n<ul class=\"attributions\">\n");
        foreach (var attribution in Model.Attributions)
        {
            Raw("<li>");
            Text(attribution);
            Raw("</li>\n");
        }

        Raw("<li>Country outlines: Natural Earth (public domain), through the world-atlas package. Charts: Apache ECharts.</li>\n");
        Raw("</ul>\n<p>Report written by Fennec at <time>");
        Text(Units.Time(Model.GeneratedAt));
        Raw("</time>. All times are UTC; traffic times are capture time. Byte units are decimal (1 KB = 1,000 B).</p>\n</footer>\n");
    }

    private void Script(string? type, string id, string content)
    {
        Raw(type is null ? $"<script id=\"{id}\">" : $"<script type=\"{type}\" id=\"{id}\">");
        Raw(content);
        Raw("</script>\n");
    }

    private void Raw(string html) => _w.Write(html);

    private void Text(string? text) => HtmlText.Write(_w, text);
}
