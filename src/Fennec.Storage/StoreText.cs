using System.Globalization;
using System.Text;
using System.Text.Json;
using Fennec.Enrichment.Geo;

namespace Fennec.Storage;

/// <summary>How values are spelled in the tables: lower-case enumeration words, ISO 8601 times, JSON lists.</summary>
internal static class StoreText
{
    private static readonly string[] Granularities = ["minute", "hour"];
    private static readonly string[] Dimensions = ["site", "host", "country", "protocol", "port"];
    private static readonly string[] Directions = ["in", "out", "internal"];

    public static string Of(RollupGranularity value) => Granularities[(int)value];

    public static string Of(RollupDimension value) => Dimensions[(int)value];

    public static string Of(RollupDirection value) => Directions[(int)value];

    public static RollupDirection Direction(string text) => (RollupDirection)Index(Directions, text, "direction");

    public static RollupGranularity Granularity(string text) => (RollupGranularity)Index(Granularities, text, "granularity");

    public static RollupDimension Dimension(string text) => (RollupDimension)Index(Dimensions, text, "dimension");

    /// <summary>UTC, seven decimals, 'Z': sorts as text and reads back exactly.</summary>
    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset Time(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static object Country(CountryCode code) => code.IsNone ? DBNull.Value : code.ToString();

    public static CountryCode Country(string? text) => string.IsNullOrEmpty(text) ? CountryCode.None : CountryCode.Parse(text);

    public static string JsonList(IReadOnlyList<string> values)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var value in values)
                json.WriteStringValue(value);
            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyList<string> JsonList(string text)
    {
        using var document = JsonDocument.Parse(text);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetString() ?? string.Empty)];
    }

    private static int Index(string[] names, string text, string what)
    {
        var index = Array.IndexOf(names, text);
        return index >= 0 ? index : throw new StoreException($"unknown rollup {what} '{text}' in the store");
    }
}
