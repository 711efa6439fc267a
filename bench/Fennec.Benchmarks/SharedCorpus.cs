namespace Fennec.Benchmarks;

/// <summary>
/// Finds the shared corpus the way the tests do: FENNEC_SHARED, or ../shared beside the repository root (the folder
/// holding Fennec.slnx, found by walking up from the working directory and from the binaries, since BenchmarkDotNet
/// runs each benchmark from a generated project folder).
/// </summary>
internal static class SharedCorpus
{
    public static string Path { get; } = Locate();

    /// <summary>The full path of a corpus file, or null when this corpus does not have it.</summary>
    public static string? Find(string relative)
    {
        var full = System.IO.Path.Combine(Path, relative);
        return File.Exists(full) ? full : null;
    }

    /// <summary>The full path of a file under shared/reference (the corpus's sibling), or null when it is missing.</summary>
    public static string? FindReference(string relative)
    {
        var full = System.IO.Path.Combine(Path, "..", "reference", relative);
        return File.Exists(full) ? System.IO.Path.GetFullPath(full) : null;
    }

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("FENNEC_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment))
            return Corpus(fromEnvironment) ?? throw Missing();

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Fennec.slnx")) && dir.Parent is not null)
                {
                    var corpus = Corpus(System.IO.Path.Combine(dir.Parent.FullName, "shared"));
                    if (corpus is not null)
                        return corpus;
                }
            }
        }

        throw Missing();
    }

    private static string? Corpus(string shared)
    {
        var corpus = System.IO.Path.Combine(shared, "corpus");
        return Directory.Exists(corpus) ? System.IO.Path.GetFullPath(corpus) : null;
    }

    private static DirectoryNotFoundException Missing() =>
        new("the shared corpus was not found (set FENNEC_SHARED or place ../shared beside the repository)");
}
