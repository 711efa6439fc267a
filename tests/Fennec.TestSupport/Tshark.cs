using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Fennec.TestSupport;

/// <summary>
/// Runs tshark over a capture, caching the output by the capture's content hash, tshark's version and the
/// arguments: tshark costs about half a second per file and the corpus has hundreds.
/// </summary>
public static class Tshark
{
    private static readonly Lazy<string> Version = new(() => Run(["--version"]).Split('\n')[0].Trim());

    /// <summary>The cache folder (under XDG_CACHE_HOME or ~/.cache).</summary>
    public static string CacheDirectory
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(root))
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "fennec", "tshark-fields");
        }
    }

    /// <summary>tshark's standard output for <c>tshark -n -r CAPTURE ARGS</c>, from the cache when it was run before.</summary>
    public static string CachedOutput(string capture, IReadOnlyList<string> args)
    {
        var key = Convert.ToHexString(SHA256.HashData(
            [.. File.ReadAllBytes(capture), .. Encoding.UTF8.GetBytes(Version.Value + "\n" + string.Join('\u0001', args))]));
        var cached = Path.Combine(CacheDirectory, key[..32] + ".tsv");
        if (File.Exists(cached))
            return File.ReadAllText(cached);

        var text = Run(["-n", "-r", capture, .. args]);
        Directory.CreateDirectory(CacheDirectory);
        var temporary = cached + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, cached, overwrite: true);
        return text;
    }

    /// <summary>Runs tshark and returns its standard output.</summary>
    public static string Run(IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo("tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            _ = error.Result;
            return output;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("tshark is not installed: the test command installs it (apt-get install -y tshark)", e);
        }
    }
}
