using System.Text.Json;

namespace Fennec.Reporting.Assets;

/// <summary>English country names by ISO alpha-2 code, from i18n-iso-countries' English table.</summary>
internal static class CountryNames
{
    private static readonly Lazy<Dictionary<string, string>> Names = new(Load);

    /// <summary>The country's English name, or null for a code the table does not hold.</summary>
    public static string? Find(string alpha2) => Names.Value.GetValueOrDefault(alpha2);

    private static Dictionary<string, string> Load()
    {
        using var stream = ReportAssets.Open("country-names-en.json");
        using var document = JsonDocument.Parse(stream);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var country in document.RootElement.GetProperty("countries").EnumerateObject())
        {
            // A country with several names lists the usual one first.
            var name = country.Value.ValueKind == JsonValueKind.Array ? country.Value[0].GetString() : country.Value.GetString();
            if (name is not null)
                names[country.Name] = name;
        }

        return names;
    }
}
