namespace Fennec.Reporting.Html;

/// <summary>Writes text into HTML element content or quoted attribute values with the five special characters escaped.</summary>
internal static class HtmlText
{
    /// <summary>Writes <paramref name="text"/> escaped.</summary>
    public static void Write(TextWriter writer, string? text)
    {
        if (string.IsNullOrEmpty(text))
            return;
        var span = text.AsSpan();
        while (true)
        {
            var next = span.IndexOfAny("<>&\"'");
            if (next < 0)
            {
                writer.Write(span);
                return;
            }

            writer.Write(span[..next]);
            writer.Write(span[next] switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                _ => "&#39;",
            });
            span = span[(next + 1)..];
        }
    }

    /// <summary>The escaped text as a string (for tests and small pieces).</summary>
    public static string Encode(string? text)
    {
        using var writer = new StringWriter();
        Write(writer, text);
        return writer.ToString();
    }
}
