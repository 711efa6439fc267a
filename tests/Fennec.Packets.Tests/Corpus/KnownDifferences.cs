using System.Globalization;

namespace Fennec.Packets.Tests.Corpus;

/// <summary>
/// The checked-in list of differences from tshark that are understood: capture (relative to the corpus), field,
/// count of frames, and the reason. Tab-separated; '#' starts a comment line.
/// </summary>
internal sealed record KnownDifference(string File, string Field, long Count, string Reason)
{
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "Corpus", "known-differences.tsv");

    public static IReadOnlyDictionary<(string File, string Field), KnownDifference> Load()
    {
        var result = new Dictionary<(string, string), KnownDifference>();
        foreach (var line in System.IO.File.ReadAllLines(FilePath))
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var parts = line.Split('\t');
            if (parts.Length < 4)
                throw new FormatException($"{FilePath}: expected 4 tab-separated columns: {line}");
            var entry = new KnownDifference(parts[0], parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture), parts[3]);
            result.Add((entry.File, entry.Field), entry);
        }

        return result;
    }
}
