using System.Reflection;

namespace Fennec.Reporting.Assets;

/// <summary>
/// The files the report inlines, embedded in this assembly at build time from web/report: the chart library, the
/// TopoJSON decoder, the world outlines, the ISO code table, and the page's own script and style. Each is read once.
/// </summary>
internal static class ReportAssets
{
    private static readonly Lazy<string> EchartsText = new(() => Load("echarts.min.js"));
    private static readonly Lazy<string> TopojsonText = new(() => Load("topojson-client.min.js"));
    private static readonly Lazy<string> OutlinesText = new(() => Load("countries-110m.json"));
    private static readonly Lazy<string> IsoCodesText = new(() => Load("iso-codes.json"));
    private static readonly Lazy<string> ScriptText = new(() => Load("report.js"));
    private static readonly Lazy<string> StyleText = new(() => Load("report.css"));

    /// <summary>Apache ECharts, minified.</summary>
    public static string Echarts => EchartsText.Value;

    /// <summary>topojson-client, minified (turns the outlines into GeoJSON in the page).</summary>
    public static string Topojson => TopojsonText.Value;

    /// <summary>world-atlas's 1:110m country outlines (TopoJSON; features carry ISO 3166-1 numeric ids).</summary>
    public static string WorldOutlines => OutlinesText.Value;

    /// <summary>i18n-iso-countries' code table: [alpha-2, alpha-3, numeric, ...] per country.</summary>
    public static string IsoCodes => IsoCodesText.Value;

    /// <summary>The page script that draws the charts from the report's data.</summary>
    public static string PageScript => ScriptText.Value;

    /// <summary>The page's style sheet.</summary>
    public static string PageStyle => StyleText.Value;

    /// <summary>Opens an embedded asset; throws naming it when the build did not embed it.</summary>
    public static Stream Open(string name) =>
        typeof(ReportAssets).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException(
            $"the report asset '{name}' is not embedded in {typeof(ReportAssets).Assembly.GetName().Name}; rebuild it (the build installs web/report's npm packages)");

    private static string Load(string name)
    {
        using var reader = new StreamReader(Open(name));
        var text = reader.ReadToEnd();
        // Inlined verbatim inside <script>: these sequences would end or confuse the element. None of the pinned
        // packages holds them; a new version that does must be escaped here rather than break the page silently.
        if (text.Contains("</script", StringComparison.OrdinalIgnoreCase) || text.Contains("<!--", StringComparison.Ordinal))
            throw new InvalidOperationException($"the report asset '{name}' contains '</script' or '<!--' and cannot be inlined as it is");
        return text;
    }
}
