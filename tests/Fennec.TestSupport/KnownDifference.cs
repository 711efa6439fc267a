using System.Globalization;

namespace Fennec.TestSupport;

/// <summary>
/// A checked-in difference from a peer tool that is understood: capture (relative to the corpus), field, count, and
/// the reason. Lists are tab-separated files; '#' starts a comment line.
/// </summary>
public sealed record KnownDifference(string File, string Field, long Count, string Reason)
{
    /// <summary>Loads the list at <paramref name="relativePath"/> below the test binaries.</summary>
    public static IReadOnlyDictionary<(string File, string Field), KnownDifference> Load(string relativePath)
    {
        var path = Path.Combine(AppContext.BaseDirectory, relativePath);
        var result = new Dictionary<(string, string), KnownDifference>();
        foreach (var line in System.IO.File.ReadAllLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var parts = line.Split('\t');
            if (parts.Length < 4)
                throw new FormatException($"{path}: expected 4 tab-separated columns: {line}");
            var entry = new KnownDifference(parts[0], parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture), parts[3]);
            result.Add((entry.File, entry.Field), entry);
        }

        return result;
    }

    /// <summary>
    /// Checks <paramref name="found"/> (count and an example per capture and field) against the list: returns one line
    /// per difference that is not listed, is listed with another count, or is listed but no longer happens.
    /// </summary>
    public static string Unexplained(IReadOnlyDictionary<(string File, string Field), (long Count, string Example)> found,
        IReadOnlyDictionary<(string File, string Field), KnownDifference> known)
    {
        var lines = new System.Text.StringBuilder();
        foreach (var ((file, field), (count, example)) in found.OrderBy(f => f.Key.File, StringComparer.Ordinal).ThenBy(f => f.Key.Field, StringComparer.Ordinal))
        {
            if (!known.TryGetValue((file, field), out var entry) || entry.Count != count)
                lines.AppendLine($"{file}\t{field}\t{count}\t{(entry is null ? "not listed" : $"listed with count {entry.Count}")}; e.g. {example}");
        }

        foreach (var ((file, field), entry) in known)
        {
            if (!found.ContainsKey((file, field)))
                lines.AppendLine($"{file}\t{field}\t0\tlisted with count {entry.Count} but no longer differs: remove it");
        }

        return lines.ToString();
    }
}
