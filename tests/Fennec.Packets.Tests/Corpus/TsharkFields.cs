using System.Diagnostics;
using System.Security.Cryptography;

namespace Fennec.Packets.Tests.Corpus;

/// <summary>
/// Runs tshark over a capture and returns one row of fields per frame. Outputs are cached by the capture's content
/// hash and tshark's version, because tshark costs about half a second per file and the corpus has ~950 files.
/// </summary>
internal static class TsharkFields
{
    public static readonly string[] Fields =
    [
        "frame.time_epoch", "frame.cap_len", "frame.len", "eth.src", "eth.dst", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst",
        "ip.proto", "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "sctp.srcport", "sctp.dstport",
        "tcp.flags", "icmp.type", "icmp.code", "icmpv6.type", "icmpv6.code",
    ];

    // Per-frame decoding only: reassembly would move fields to the last fragment or segment.
    private static readonly string[] Preferences =
    [
        "ip.defragment:FALSE", "ipv6.defragment:FALSE", "tcp.desegment_tcp_streams:FALSE", "udp.try_heuristic_first:FALSE",
    ];

    private static readonly Lazy<string> Version = new(() => Run(["--version"]).Split('\n')[0].Trim());

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

    /// <summary>The rows tshark prints for <paramref name="capture"/>: one string array (one entry per field) a frame.</summary>
    public static IReadOnlyList<string[]> Read(string capture)
    {
        var key = Convert.ToHexString(SHA256.HashData(
            [.. File.ReadAllBytes(capture), .. System.Text.Encoding.UTF8.GetBytes(Version.Value + string.Join(',', Fields) + string.Join(',', Preferences))]));
        var cached = Path.Combine(CacheDirectory, key[..32] + ".tsv");
        string text;
        if (File.Exists(cached))
        {
            text = File.ReadAllText(cached);
        }
        else
        {
            var args = new List<string> { "-n", "-r", capture, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,", "-E", "separator=/t" };
            foreach (var preference in Preferences)
                args.AddRange(["-o", preference]);
            foreach (var field in Fields)
                args.AddRange(["-e", field]);
            text = Run(args);
            Directory.CreateDirectory(CacheDirectory);
            var temporary = cached + "." + Environment.ProcessId + ".tmp";
            File.WriteAllText(temporary, text);
            File.Move(temporary, cached, overwrite: true);
        }

        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')).ToList();
    }

    private static string Run(IReadOnlyList<string> args)
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
