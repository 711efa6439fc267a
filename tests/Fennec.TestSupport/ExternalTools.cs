namespace Fennec.TestSupport;

/// <summary>
/// Finds peer tools (nfcapd, nfdump, softflowd...) on PATH. Tests that run them are marked
/// <see cref="ToolFactAttribute"/>: skipped with the reason shown when a tool is missing, except under CI=true,
/// where they run and fail with <see cref="Require"/>'s message.
/// </summary>
public static class ExternalTools
{
    /// <summary>The full path of an executable on PATH, or null.</summary>
    public static string? Find(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            if (dir.Length == 0)
                continue;
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() ||
                                           (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
                return candidate;
        }

        return null;
    }

    /// <summary>Why tests needing these tools are skipped here, or null when they must run.</summary>
    public static string? SkipReason(params string[] names)
    {
        if (SharedData.IsCi)
            return null;
        var missing = names.Where(n => Find(n) is null).ToArray();
        return missing.Length == 0 ? null : $"not installed: {string.Join(", ", missing)} (scripts/ensure-deps.sh installs the Debian packages)";
    }

    /// <summary>Why a test needing these tools (and, when <paramref name="needsCorpus"/>, the shared corpus) is skipped here, or null.</summary>
    public static string? SkipReason(IReadOnlyList<string> names, bool needsCorpus) =>
        SkipReason([.. names]) ?? (needsCorpus ? SharedData.SkipReason : null);

    /// <summary>The tool's path; throws (failing the test) with what to install when it is missing.</summary>
    public static string Require(string name, string debianPackage) =>
        Find(name) ?? throw new FileNotFoundException(
            $"'{name}' is not on PATH; install the Debian package '{debianPackage}' (scripts/ensure-deps.sh {debianPackage})", name);
}
