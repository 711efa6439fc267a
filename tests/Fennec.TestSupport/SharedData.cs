namespace Fennec.TestSupport;

/// <summary>
/// Finds ../shared (the corpus and reference outputs): through FENNEC_SHARED, or as a sibling of the repository.
/// Tests that need it are marked <see cref="CorpusFactAttribute"/> or <see cref="CorpusTheoryAttribute"/>: when the
/// folder is absent they are skipped with the reason shown, except under CI=true, where they run and fail.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(Locate);

    /// <summary>The shared folder, or null when it cannot be found.</summary>
    public static string? Path => Root.Value;

    /// <summary>True when running under CI (CI=true).</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why corpus tests are skipped here, or null when they must run.</summary>
    public static string? SkipReason =>
        Path is not null || IsCi ? null : "the shared corpus was not found (set FENNEC_SHARED or place ../shared beside the repository)";

    /// <summary>The corpus folder; throws (failing the test) when it is missing.</summary>
    public static string RequireCorpus() => Require("corpus");

    /// <summary>The reference folder; throws (failing the test) when it is missing.</summary>
    public static string RequireReference() => Require("reference");

    private static string Require(string folder)
    {
        var path = Path is null ? null : System.IO.Path.Combine(Path, folder);
        if (path is not null && Directory.Exists(path))
            return path;
        throw new DirectoryNotFoundException(
            $"the shared {folder} folder was not found (set FENNEC_SHARED or place ../shared beside the repository)");
    }

    private static string? Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("FENNEC_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment))
            return Directory.Exists(fromEnvironment) ? System.IO.Path.GetFullPath(fromEnvironment) : null;

        // Walk up from the test binaries to the repository root (the folder with Fennec.slnx); shared/ is its sibling.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Fennec.slnx")))
            {
                var sibling = System.IO.Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared");
                return Directory.Exists(sibling) ? sibling : null;
            }
        }

        return null;
    }
}
