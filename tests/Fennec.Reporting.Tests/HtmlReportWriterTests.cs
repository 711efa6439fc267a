using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fennec.Reporting;
using Xunit.Abstractions;

namespace Fennec.Reporting.Tests;

public sealed class HtmlReportWriterTests(ITestOutputHelper output)
{
    private static string Render(ReportModel model)
    {
        using var stream = new MemoryStream();
        HtmlReportWriter.Write(model, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The page without the content of its script elements (the inlined libraries hold markup in strings).</summary>
    private static string Markup(string html) => Regex.Replace(html, "(<script[^>]*>).*?(</script>)", "$1$2", RegexOptions.Singleline);

    private static JsonElement PageData(string html)
    {
        var match = Regex.Match(html, "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", RegexOptions.Singleline);
        match.Success.Should().BeTrue();
        return JsonDocument.Parse(match.Groups[1].Value).RootElement;
    }

    [Fact]
    public void The_page_loads_nothing_from_outside()
    {
        var html = Markup(Render(SampleReport.Realistic()));

        html.Should().StartWith("<!DOCTYPE html>");
        Regex.IsMatch(html, @"<(script|img|iframe)\b[^>]*\ssrc\s*=", RegexOptions.IgnoreCase).Should().BeFalse("every script is inlined");
        Regex.IsMatch(html, @"<link\b", RegexOptions.IgnoreCase).Should().BeFalse("the style sheet is inlined");
        Regex.IsMatch(html, @"@import|url\(\s*['""]?https?:", RegexOptions.IgnoreCase).Should().BeFalse();
        html.Should().Contain("id=\"lib-echarts\"").And.Contain("id=\"world-outlines\"").And.Contain("id=\"iso-codes\"").And.Contain("id=\"lib-topojson\"");
    }

    [Fact]
    public void Labels_cannot_break_out_of_the_markup_or_the_data()
    {
        var html = Render(SampleReport.Realistic());

        html.Should().NotContain("<script>window.__pwned");
        html.Should().Contain(HtmlTextOf(SampleReport.HostileLabel), "the label is escaped in the top talkers table");
        // The JSON escapes '<' so the label cannot end the data block; it still parses back to the same text.
        PageData(html).GetProperty("network").GetProperty("nodes").EnumerateArray()
            .Select(n => n.TryGetProperty("label", out var l) ? l.GetString() : null).Should().Contain(SampleReport.HostileLabel);
        Regex.Matches(html, "</script>", RegexOptions.IgnoreCase).Count.Should().Be(6, "data, outlines, codes, echarts, topojson and the page script");
    }

    [Fact]
    public void Tables_hold_the_model_sorted_and_formatted()
    {
        var model = SampleReport.Realistic();
        var html = Render(model);

        foreach (var incident in model.Incidents)
            html.Should().Contain(HtmlTextOf(incident.Explanation));
        html.Should().Contain(HtmlTextOf(SampleReport.DbIpAttribution));
        html.Should().Contain("<summary>Suppressed by the alert budget (3)</summary>");
        html.IndexOf("table-incidents-shown", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("table-incidents-suppressed", StringComparison.Ordinal));
        html.Should().Contain("Germany").And.Contain("Singapore").And.Contain("9.00 GB").And.Contain("2024-03-05T02:12:00Z");
        html.Should().Contain("250 left out");
    }

    [Fact]
    public void The_data_block_is_capped_and_times_are_milliseconds()
    {
        var model = SampleReport.Realistic();
        var data = PageData(Render(model));

        data.GetProperty("countries").GetArrayLength().Should().Be(model.Countries.Count);
        data.GetProperty("countries")[0].GetProperty("code").GetString().Should().Be("US");
        data.GetProperty("network").GetProperty("nodes").GetArrayLength().Should().Be(ReportLimits.NetworkNodes);
        data.GetProperty("hourly").GetArrayLength().Should().Be(72);
        data.GetProperty("hourly")[0].GetProperty("t").GetInt64().Should().Be(SampleReport.StartNs / 1_000_000);
        data.GetProperty("hourly")[0].TryGetProperty("low", out _).Should().BeFalse("the baseline is not ready in the first day");
        var incidents = data.GetProperty("incidents").EnumerateArray().ToList();
        incidents.Should().HaveCount(7);
        // Incident 2 began at hour 50.1: its marker sits on hour 50's point.
        incidents.Single(i => i.GetProperty("id").GetInt64() == 2).GetProperty("hour").GetInt64()
            .Should().Be((SampleReport.StartNs + 50 * SampleReport.NsPerHour) / 1_000_000);
    }

    [Fact]
    public void An_empty_model_says_there_is_nothing_to_show()
    {
        var html = Markup(Render(SampleReport.Empty()));

        foreach (var section in new[] { "countries", "network", "hourly", "incidents", "talkers", "ports", "protocols" })
            html.Should().Contain($"data-empty=\"{section}\"");
        html.Should().NotContain("id=\"chart-").And.NotContain("world-outlines");
    }

    [Fact]
    public void A_hundred_thousand_hosts_are_cut_early_and_written_in_seconds()
    {
        var model = SampleReport.LargeNetwork(100_000);
        HtmlReportWriter.Write(model, Stream.Null); // warm up: assets, JIT

        var watch = Stopwatch.StartNew();
        using var stream = new MemoryStream();
        HtmlReportWriter.Write(model, stream);
        watch.Stop();
        output.WriteLine($"100,000 nodes, 300,000 edges: {watch.Elapsed.TotalMilliseconds:F0} ms, {stream.Length:N0} bytes");

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        stream.Length.Should().BeLessThan(2_500_000);
        var data = PageData(Encoding.UTF8.GetString(stream.ToArray())).GetProperty("network");
        data.GetProperty("nodes").GetArrayLength().Should().Be(ReportLimits.NetworkNodes);
        data.GetProperty("edges").GetArrayLength().Should().BeLessThanOrEqualTo(ReportLimits.NetworkEdges);
        var top = model.Network.Nodes.Max(n => n.Bytes);
        data.GetProperty("nodes")[0].GetProperty("bytes").GetInt64().Should().Be(top);
    }

    [Theory]
    [InlineData("severity", "Incidents[1].Severity is NaN")]
    [InlineData("baseline", "Hourly[3].BaselineHigh is Infinity")]
    [InlineData("negative", "Countries[2].Bytes is -5")]
    [InlineData("duplicate", "Network.Nodes[1].Id '10.0.0.1' appears twice")]
    [InlineData("null", "TopPorts is null")]
    [InlineData("time", "CaptureLastNs (1) is before CaptureFirstNs (2)")]
    public void A_bad_model_is_refused_with_the_field_named(string fault, string message)
    {
        var model = SampleReport.Realistic();
        model = fault switch
        {
            "severity" => model with { Incidents = [model.Incidents[0], model.Incidents[1] with { Severity = double.NaN }] },
            "baseline" => model with { Hourly = [.. model.Hourly.Select((p, i) => i == 3 ? p with { BaselineHigh = double.PositiveInfinity } : p)] },
            "negative" => model with { Countries = [.. model.Countries.Select((c, i) => i == 2 ? c with { Bytes = -5 } : c)] },
            "duplicate" => model with { Network = new NetworkMap { Nodes = [new NetworkNode { Id = "10.0.0.1" }, new NetworkNode { Id = "10.0.0.1" }] } },
            "null" => model with { TopPorts = null! },
            _ => model with { CaptureFirstNs = 2, CaptureLastNs = 1 },
        };

        var write = () => HtmlReportWriter.Write(model, Stream.Null);

        write.Should().Throw<ArgumentException>().WithMessage($"report model: {message}*");
    }

    [Fact]
    public void Writing_to_a_file_replaces_it_whole_and_names_it_on_failure()
    {
        var dir = Directory.CreateTempSubdirectory("fennec-report-");
        try
        {
            var path = Path.Combine(dir.FullName, "report.html");
            File.WriteAllText(path, "old");
            HtmlReportWriter.Write(SampleReport.Empty(), path);
            File.ReadAllText(path).Should().StartWith("<!DOCTYPE html>");
            Directory.GetFiles(dir.FullName).Should().ContainSingle("the temporary file was moved into place");

            var missing = Path.Combine(dir.FullName, "no-such-folder", "report.html");
            var write = () => HtmlReportWriter.Write(SampleReport.Empty(), missing);
            write.Should().Throw<IOException>().WithMessage($"*{missing}*");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string HtmlTextOf(string text) => Fennec.Reporting.Html.HtmlText.Encode(text);
}
