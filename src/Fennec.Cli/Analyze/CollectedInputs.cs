namespace Fennec.Cli.Analyze;

/// <summary>
/// Recognises a store given to <c>fennec analyze</c> in place of captures: a SQLite file (by its 16-byte header),
/// which for <c>analyze</c> means the flows that <c>fennec collect --db</c> stored.
/// </summary>
internal static class CollectedInputs
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    /// <summary>True when any of the paths is a SQLite file.</summary>
    public static bool Any(IEnumerable<string> paths) => paths.Any(IsStore);

    /// <summary>True when <paramref name="path"/> is a readable file that starts with SQLite's header.</summary>
    public static bool IsStore(string path)
    {
        try
        {
            if (!File.Exists(path))
                return false;
            using var file = File.OpenRead(path);
            Span<byte> header = stackalloc byte[16];
            return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header.SequenceEqual(SqliteHeader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
