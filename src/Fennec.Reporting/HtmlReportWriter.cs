using Fennec.Reporting.Html;

namespace Fennec.Reporting;

/// <summary>
/// Writes a <see cref="ReportModel"/> as one self-contained HTML file: the chart library, the world outlines and the
/// data are inlined, so the page opens with no network access.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>Writes the report to <paramref name="output"/> (UTF-8); the stream is left open.</summary>
    /// <exception cref="ArgumentException">A field of the model cannot be drawn; the message names it.</exception>
    public static void Write(ReportModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ReportModelValidator.Validate(model);
        ReportDocument.Write(ReportView.Of(model), output);
    }

    /// <summary>
    /// Writes the report to the file at <paramref name="path"/>, replacing it. The page is written beside it first and
    /// moved into place, so a reader never sees half a report.
    /// </summary>
    /// <exception cref="ArgumentException">A field of the model cannot be drawn; the message names it.</exception>
    /// <exception cref="IOException">The file could not be written; the message names it.</exception>
    public static void Write(ReportModel model, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ReportModelValidator.Validate(model);
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                ReportDocument.Write(ReportView.Of(model), stream);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new IOException($"cannot write the report to '{full}': {e.Message}", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the original error is what the caller needs to see.
        }
    }
}
