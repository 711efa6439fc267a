namespace Fennec.Storage;

/// <summary>Checks made before SQLite sees a path, so the common mistakes get a message that says what is wrong.</summary>
internal static class StorePath
{
    private static ReadOnlySpan<byte> SqliteMagic => "SQLite format 3\0"u8;

    /// <summary>Throws a <see cref="StoreException"/> naming the path when it cannot be a store.</summary>
    public static void Check(string path)
    {
        if (Directory.Exists(path))
            throw new StoreException($"cannot open the store {path}: it is a directory");
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            var blocker = FirstFileAmongAncestors(directory);
            throw new StoreException(blocker is null
                ? $"cannot create the store {path}: the directory {directory} does not exist"
                : $"cannot create the store {path}: {blocker} is a file, not a directory");
        }

        if (File.Exists(path))
            CheckHeader(path);
    }

    private static void CheckHeader(string path)
    {
        Span<byte> header = stackalloc byte[16];
        int read;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot open the store {path}: {e.Message}", e);
        }

        // SQLite turns an empty file into a new database, so only a non-empty file must carry the magic.
        if (read > 0 && (read < header.Length || !header.SequenceEqual(SqliteMagic)))
            throw new StoreException($"{path} is not a fennec store: it is not a SQLite database (its first bytes are not \"SQLite format 3\")");
    }

    private static string? FirstFileAmongAncestors(string directory)
    {
        for (var current = directory; !string.IsNullOrEmpty(current); current = System.IO.Path.GetDirectoryName(current))
        {
            if (File.Exists(current))
                return current;
        }

        return null;
    }
}
