using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Fennec.TestSupport;

/// <summary>
/// nfcapd (nfdump's collector) run as a child process on 127.0.0.1 and a free UDP port, writing into a fresh
/// folder; <see cref="Stop"/> sends SIGTERM so it writes out its file, and <see cref="Dispose"/> kills it if it is
/// still running and removes the folder.
/// </summary>
public sealed partial class NfcapdCollector : IDisposable
{
    private readonly PeerProcess _process;

    private NfcapdCollector(PeerProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public string Directory => _process.Folder;

    public int Port { get; }

    /// <summary>What nfcapd printed so far.</summary>
    public string Output => _process.Output;

    /// <summary>Starts nfcapd and waits until it has bound its socket; retries on another port if that one was taken.</summary>
    public static NfcapdCollector Start(string nfcapd)
    {
        // nfcapd 1.7 writes into -w DIR; versions before 1.7 named it -l DIR.
        var help = Run(nfcapd, ["-h"]);
        var dirOption = help.Contains("-w flowdir", StringComparison.Ordinal) || help.Contains("-w dir", StringComparison.Ordinal) ? "-w" : "-l";
        var failures = new StringBuilder();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var directory = System.IO.Directory.CreateTempSubdirectory("fennec-nfcapd-").FullName;
            var port = FreePorts.Udp();
            var process = new PeerProcess(nfcapd, ["-b", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), dirOption, directory], directory);
            var collector = new NfcapdCollector(process, port);
            var ready = Stopwatch.StartNew();
            while (ready.Elapsed < TimeSpan.FromSeconds(10) && !process.HasExited && !collector.Output.Contains("Startup", StringComparison.Ordinal))
                Thread.Sleep(20);
            if (!process.HasExited && collector.Output.Contains("Startup", StringComparison.Ordinal))
                return collector;
            failures.AppendLine(collector.Output);
            collector.Dispose();
        }

        throw new InvalidOperationException($"nfcapd did not start:\n{failures}");
    }

    /// <summary>Asks nfcapd to finish (SIGTERM) and waits for it to write its file and exit.</summary>
    public void Stop() => _process.Stop(Signals.Terminate);

    /// <summary>The capture files nfcapd wrote (nfcapd.YYYYMMDDhhmm; several if a rotation happened during the test).</summary>
    public string[] Files() =>
        System.IO.Directory.GetFiles(Directory, "nfcapd.*").Where(f => FileName().IsMatch(Path.GetFileName(f))).Order(StringComparer.Ordinal).ToArray();

    public void Dispose() => _process.Dispose();

    /// <summary>Runs a tool to completion and returns its standard output and error.</summary>
    public static string Run(string tool, IEnumerable<string> arguments, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return stdout + stderr.Result;
    }

    [GeneratedRegex(@"^nfcapd\.\d{12}$")]
    private static partial Regex FileName();
}
