using Fennec.Packets.Capture;

namespace Fennec.Cli.Analyze;

/// <summary>One capture file to analyse, with the time of its first packet.</summary>
internal sealed record CaptureInput(string Path, long FirstNs);

/// <summary>
/// Expands the paths given to <c>fennec analyze</c> (files, and directories read recursively) into captures in
/// capture-time order. A file that is not a readable capture is reported and skipped; the others are analysed.
/// </summary>
internal static class CaptureInputs
{
    /// <summary>The captures in order of their first packet; <paramref name="problems"/> receives one line per file skipped.</summary>
    public static List<CaptureInput> Order(IEnumerable<string> paths, List<string> problems, out bool missing)
    {
        missing = false;
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            else if (File.Exists(path))
                files.Add(path);
            else
            {
                problems.Add($"{path}: no such file or directory");
                missing = true;
            }
        }

        var inputs = new List<CaptureInput>();
        foreach (var file in files.Distinct())
        {
            try
            {
                using var reader = CaptureReader.Open(file);
                if (reader.TryRead(out var record))
                    inputs.Add(new CaptureInput(file, record.TimestampNs));
                else
                    problems.Add($"{file}: no packets, skipped");
            }
            catch (CaptureFormatException e)
            {
                problems.Add($"{file}: {e.Message}; skipped");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{file}: cannot read: {e.Message}; skipped");
            }
        }
        // Stable: files starting at the same instant keep the order they were named in.
        return [.. inputs.Select((input, i) => (input, i)).OrderBy(x => x.input.FirstNs).ThenBy(x => x.i).Select(x => x.input)];
    }

    /// <summary>
    /// Packets from the first packet up to <paramref name="until"/> (Unix nanoseconds) across the ordered captures:
    /// how many packets the detectors learn on. Reading stops at the first packet past the limit in each file.
    /// </summary>
    public static long CountUntil(IEnumerable<CaptureInput> inputs, long until)
    {
        long packets = 0;
        foreach (var input in inputs)
        {
            if (input.FirstNs >= until)
                break;
            try
            {
                using var reader = CaptureReader.Open(input.Path);
                while (reader.TryRead(out var record) && record.TimestampNs < until)
                    packets++;
            }
            catch (Exception e) when (e is CaptureFormatException or IOException)
            {
                // The main pass reports the damage; the count stops where the file does.
            }
        }
        return packets;
    }
}
