using System.Text.Json.Serialization;

namespace Fennec.Reporting.Page;

/// <summary>
/// Source-generated serialisation of <see cref="PageData"/> (no reflection). The default encoder escapes '&lt;',
/// '&gt;', '&amp;' and quotes as \uXXXX, so no label can close the script element the JSON sits in.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PageData))]
internal sealed partial class PageJsonContext : JsonSerializerContext;
