using System.Text.Json;
using Fennec.Reporting;
using Fennec.TestSupport;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Fennec.Reporting.Tests;

/// <summary>
/// Opens written reports in headless chromium with the network cut off and checks that every chart was drawn with the
/// model's series. Skipped when chromium is not installed, mandatory under CI=true.
/// </summary>
public sealed class ReportInChromiumTests(ITestOutputHelper output)
{
    [ToolFact("chromium")]
    public async Task Every_chart_is_drawn_offline_with_the_models_series()
    {
        var model = SampleReport.Realistic();
        var path = WriteReport(model, "report.html");

        await using var browser = await ChromiumPage.OpenAsync(path);
        var screenshot = Path.Combine(AppContext.BaseDirectory, "report-screenshot.png");
        await browser.Page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");

        browser.Errors.Should().BeEmpty();
        browser.Refused.Should().BeEmpty("the page needs nothing from the network");

        await CountryMap(browser, model);
        await NetworkGraph(browser, model);
        await HourlyTraffic(browser, model);
        await IncidentTimeline(browser, model);
        await Bars(browser, "chart-talkers", model.TopTalkers);
        await Bars(browser, "chart-ports", model.TopPorts);
        await Bars(browser, "chart-protocols", model.Protocols);

        var incidents = await browser.TextAsync("#incidents");
        foreach (var incident in model.Incidents)
            incidents.Should().Contain(incident.Explanation);
        (await browser.Page.EvaluateAsync<bool>("() => document.getElementById('incidents-suppressed').open")).Should().BeFalse("suppressed incidents start collapsed");
        (await browser.TextAsync("#footer")).Should().Contain(SampleReport.DbIpAttribution);
        (await browser.TextAsync("#table-talkers")).Should().Contain(SampleReport.HostileLabel, "the label shows as text");
        (await browser.Page.EvaluateAsync<bool>("() => window.__pwned === undefined")).Should().BeTrue("no label ran as script");
    }

    [ToolFact("chromium")]
    public async Task A_resized_window_redraws_every_chart_at_the_new_width()
    {
        var path = WriteReport(SampleReport.Realistic(), "report-resized.html");

        await using var browser = await ChromiumPage.OpenAsync(path);
        const string widths = "() => [...document.querySelectorAll('.chart')].map(e => echarts.getInstanceByDom(e).getWidth() + '/' + e.clientWidth)";
        var before = await browser.Page.EvaluateAsync<string[]>(widths);
        before.Should().NotBeEmpty().And.OnlyContain(w => w.Split('/', StringSplitOptions.None)[0] == w.Split('/', StringSplitOptions.None)[1]);

        await browser.Page.SetViewportSizeAsync(900, 700);
        // Redraws are queued to the next frame; wait until every chart has its container's new width.
        await browser.Page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('.chart')].every(e => echarts.getInstanceByDom(e).getWidth() === e.clientWidth)",
            null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        var after = await browser.Page.EvaluateAsync<string[]>(widths);
        after.Should().NotEqual(before, "the window is narrower");
        browser.Errors.Should().BeEmpty();
    }

    [ToolFact("chromium")]
    public async Task An_empty_report_shows_nothing_to_show_without_errors()
    {
        var path = WriteReport(SampleReport.Empty(), "report-empty.html");

        await using var browser = await ChromiumPage.OpenAsync(path);
        await browser.Page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "report-empty-screenshot.png"), FullPage = true });

        browser.Errors.Should().BeEmpty();
        browser.Refused.Should().BeEmpty();
        var empty = await browser.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-empty]')].map(e => e.dataset.empty + ': ' + e.textContent)");
        empty.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]).Should().BeEquivalentTo("countries", "network", "hourly", "incidents", "talkers", "ports", "protocols");
        empty.Should().OnlyContain(e => e.Contains("Nothing to show"));
        (await browser.Page.EvaluateAsync<int>("() => document.querySelectorAll('.chart').length")).Should().Be(0);
    }

    [ToolFact("chromium")]
    public async Task A_large_model_is_drawn_capped_without_errors()
    {
        var model = SampleReport.LargeNetwork(100_000);
        model = model with
        {
            Hourly = [.. Enumerable.Range(0, 24 * 40).Select(h => new TrafficPoint
                { BucketNs = SampleReport.StartNs + h * SampleReport.NsPerHour, Bytes = 1_000_000 + h % 24 * 50_000, BaselineLow = 900_000, BaselineHigh = 2_300_000 })],
        };
        var path = WriteReport(model, "report-large.html");

        await using var browser = await ChromiumPage.OpenAsync(path);

        browser.Errors.Should().BeEmpty();
        var graph = Series(await browser.ChartOptionAsync("chart-network")).Single();
        graph.GetProperty("data").GetArrayLength().Should().Be(ReportLimits.NetworkNodes);
        graph.GetProperty("links").GetArrayLength().Should().BeLessThanOrEqualTo(ReportLimits.NetworkEdges);
        var hourly = await browser.ChartOptionAsync("chart-hourly");
        Series(hourly).Should().OnlyContain(s => s.GetProperty("data").GetArrayLength() == 24 * 40);
        hourly.GetProperty("dataZoom").EnumerateArray().Select(z => z.GetProperty("type").GetString()).Should().Contain("slider", "forty days get a slider");
        (await browser.TextAsync("#network-caption")).Should().Contain("of 100,000 (99,850 left out)");
    }

    private static async Task CountryMap(ChromiumPage browser, ReportModel model)
    {
        var series = Series(await browser.ChartOptionAsync("chart-countries")).Should().ContainSingle().Subject;
        series.GetProperty("type").GetString().Should().Be("map");
        // ECharts appends a value-less item for every outline the data does not name; the model's countries are the others.
        var data = series.GetProperty("data").EnumerateArray().Where(d => d.TryGetProperty("value", out _))
            .Select(d => (d.GetProperty("name").GetString(), d.GetProperty("value").GetInt64())).ToList();
        data.Should().BeEquivalentTo(model.Countries.Select(c => (c.CountryCode, c.Flows)));

        // The outlines carry the ISO alpha-2 codes GeoIP gives (Kosovo by name); the small states are named under the map.
        var outlined = await browser.Page.EvaluateAsync<string[]>("() => echarts.getMap('fennec-world').geoJSON.features.map(f => f.properties.iso)");
        outlined.Should().Contain(["US", "DE", "CN", "RU", "BR", "XK", "CA"]).And.OnlyHaveUniqueItems();
        (await browser.TextAsync("#countries-unmapped")).Should().Contain("Singapore (SG)").And.Contain("Malta (MT)").And.Contain("(HK)").And.NotContain("(DE)");
    }

    private static async Task NetworkGraph(ChromiumPage browser, ReportModel model)
    {
        var series = Series(await browser.ChartOptionAsync("chart-network")).Should().ContainSingle().Subject;
        series.GetProperty("type").GetString().Should().Be("graph");
        series.GetProperty("layout").GetString().Should().Be("force");
        series.GetProperty("categories").GetArrayLength().Should().Be(2);

        var kept = model.Network.Nodes.OrderByDescending(n => n.Bytes).Take(ReportLimits.NetworkNodes).ToDictionary(n => n.Id);
        var nodes = series.GetProperty("data").EnumerateArray().ToList();
        nodes.Select(n => n.GetProperty("id").GetString()).Should().BeEquivalentTo(kept.Keys);
        nodes.Should().OnlyContain(n => n.GetProperty("category").GetInt32() == (kept[n.GetProperty("id").GetString()!].Inside ? 0 : 1));
        var expectedEdges = model.Network.Edges.Count(e => kept.ContainsKey(e.Source) && kept.ContainsKey(e.Target));
        series.GetProperty("links").GetArrayLength().Should().Be(Math.Min(expectedEdges, ReportLimits.NetworkEdges));
        // Hosts with incidents are coloured, the others take their category's colour.
        nodes.Count(n => n.TryGetProperty("itemStyle", out _)).Should().Be(kept.Values.Count(n => n.IncidentSeverity > 0));
    }

    private static async Task HourlyTraffic(ChromiumPage browser, ReportModel model)
    {
        var series = Series(await browser.ChartOptionAsync("chart-hourly")).ToDictionary(s => s.GetProperty("name").GetString()!);
        series.Keys.Should().BeEquivalentTo("Bytes", "Baseline mean", "Baseline low", "Normal band");
        series.Values.Should().OnlyContain(s => s.GetProperty("type").GetString() == "line" && s.GetProperty("data").GetArrayLength() == 72);

        Values(series["Bytes"]).Should().Equal(model.Hourly.Select(p => (double?)p.Bytes));
        Values(series["Baseline low"]).Should().Equal(model.Hourly.Select(p => p.BaselineLow));
        Values(series["Normal band"]).Select(v => v is null ? (double?)null : Math.Round(v.Value))
            .Should().Equal(model.Hourly.Select(p => p.BaselineHigh - p.BaselineLow).Select(v => v is null ? (double?)null : Math.Round(v.Value)));
        series["Normal band"].GetProperty("stack").GetString().Should().Be(series["Baseline low"].GetProperty("stack").GetString());
        Values(series["Baseline low"]).Count(v => v is null).Should().Be(24, "the baseline is ready after a day");

        // One marker per hour in which a shown incident began (incidents 2 and 3 share hour 50).
        var marks = series["Bytes"].GetProperty("markLine").GetProperty("data").EnumerateArray().Select(m => m.GetProperty("xAxis").GetInt64()).ToList();
        marks.Should().BeEquivalentTo(new[] { 26, 50, 61 }.Select(h => (SampleReport.StartNs + h * SampleReport.NsPerHour) / 1_000_000));
    }

    private static async Task IncidentTimeline(ChromiumPage browser, ReportModel model)
    {
        var series = Series(await browser.ChartOptionAsync("chart-incidents")).ToDictionary(s => s.GetProperty("name").GetString()!);
        series.Keys.Should().BeEquivalentTo("Shown", "Suppressed");
        series.Values.Should().OnlyContain(s => s.GetProperty("type").GetString() == "scatter");
        Severities(series["Shown"]).Should().BeEquivalentTo(model.Incidents.Where(i => i.Shown).Select(i => i.Severity));
        Severities(series["Suppressed"]).Should().BeEquivalentTo(model.Incidents.Where(i => !i.Shown).Select(i => i.Severity));
    }

    private static async Task Bars(ChromiumPage browser, string id, IReadOnlyList<RankedItem> items)
    {
        var option = await browser.ChartOptionAsync(id);
        var series = Series(option).Should().ContainSingle().Subject;
        series.GetProperty("type").GetString().Should().Be("bar");
        var expected = items.OrderByDescending(r => r.Bytes).ToList();
        series.GetProperty("data").EnumerateArray().Select(v => v.GetInt64()).Should().Equal(expected.Select(r => r.Bytes));
        option.GetProperty("yAxis")[0].GetProperty("data").EnumerateArray().Select(v => v.GetString()).Should().Equal(expected.Select(r => r.Key));
    }

    private static List<JsonElement> Series(JsonElement option)
    {
        option.ValueKind.Should().Be(JsonValueKind.Object, "an ECharts instance exists on the element");
        return [.. option.GetProperty("series").EnumerateArray()];
    }

    private static List<double?> Values(JsonElement series) =>
        [.. series.GetProperty("data").EnumerateArray().Select(d => d[1].ValueKind == JsonValueKind.Null ? (double?)null : d[1].GetDouble())];

    private static List<double> Severities(JsonElement series) =>
        [.. series.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("value")[1].GetDouble())];

    private static string WriteReport(ReportModel model, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name);
        HtmlReportWriter.Write(model, path);
        return path;
    }
}
