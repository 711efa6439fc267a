namespace Fennec.Reporting.Html;

// Building blocks shared by the sections: section frames, chart placeholders, tables, empty messages.
internal sealed partial class ReportDocument
{
    /// <summary>A table column; numeric columns are right-aligned with tabular figures.</summary>
    private readonly record struct Column(string Header, bool Numeric = false);

    private void OpenSection(string id, string title, string? caption)
    {
        Raw($"<section id=\"{id}\" class=\"panel\">\n<h2>");
        Text(title);
        Raw("</h2>\n");
        if (caption is not null)
            Caption(caption);
    }

    /// <summary>
    /// Opens a section; when <paramref name="empty"/>, writes the "nothing to show" message in place of its content,
    /// closes it and returns false.
    /// </summary>
    private bool OpenSection(string id, string title, string? caption, bool empty, string emptyMessage)
    {
        OpenSection(id, title, caption);
        if (!empty)
            return true;
        Empty(id, emptyMessage);
        CloseSection();
        return false;
    }

    private void CloseSection() => Raw("</section>\n");

    private void Caption(string text, string? id = null)
    {
        Raw(id is null ? "<p class=\"caption\">" : $"<p class=\"caption\" id=\"{id}\">");
        Text(text);
        Raw("</p>\n");
    }

    private void Chart(string id, string kind, string label)
    {
        Raw($"<div class=\"chart {kind}\" id=\"{id}\" role=\"img\" aria-label=\"");
        Text(label);
        Raw("\"></div>\n");
    }

    /// <summary>What an empty section shows instead of a chart.</summary>
    private void Empty(string section, string message)
    {
        Raw($"<p class=\"empty\" data-empty=\"{section}\">Nothing to show: ");
        Text(message);
        Raw("</p>\n");
    }

    private void Table<T>(string id, IReadOnlyList<Column> columns, IEnumerable<T> rows, Action<T> writeRow)
    {
        Raw($"<div class=\"table-wrap\"><table class=\"data\" id=\"{id}\">\n<thead><tr>");
        foreach (var column in columns)
        {
            Raw(column.Numeric ? "<th class=\"num\">" : "<th>");
            Text(column.Header);
            Raw("</th>");
        }

        Raw("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            Raw("<tr>");
            writeRow(row);
            Raw("</tr>\n");
        }

        Raw("</tbody>\n</table></div>\n");
    }

    private void Cell(string? text, string? cls = null)
    {
        Raw(cls is null ? "<td>" : $"<td class=\"{cls}\">");
        Text(text);
        Raw("</td>");
    }

    private void Number(string text) => Cell(text, "num");

    /// <summary>An address or key cell in monospace, with its label (host name, service) after it when there is one.</summary>
    private void KeyCell(string key, string? label)
    {
        Raw("<td><code>");
        Text(key);
        Raw("</code>");
        if (!string.IsNullOrEmpty(label))
        {
            Raw(" <span class=\"muted\">");
            Text(label);
            Raw("</span>");
        }

        Raw("</td>");
    }
}
