using System.Diagnostics;
using System.Text;

namespace Fennec.TestSupport;

/// <summary>
/// A peer tool (nfcapd, pmacctd...) run as a child process with a working folder of its own: what it prints is kept,
/// <see cref="Stop"/> asks it to finish with a signal sent by pid, and <see cref="Dispose"/> kills it and its
/// children if they still run and removes the folder.
/// </summary>
public sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    /// <summary>Starts <paramref name="tool"/> with <paramref name="arguments"/>; <paramref name="folder"/> is removed on dispose.</summary>
    public PeerProcess(string tool, IEnumerable<string> arguments, string folder)
    {
        Folder = folder;
        Name = Path.GetFileName(tool);
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The tool's working folder.</summary>
    public string Folder { get; }

    /// <summary>The tool's file name, for messages.</summary>
    public string Name { get; }

    /// <summary>Whether the tool has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit status (once exited).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>What the tool printed so far, both streams.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Sends <paramref name="signal"/> and waits up to 15 s for the tool to exit; throws with its output if it had exited already or does not.</summary>
    public void Stop(int signal)
    {
        if (_process.HasExited)
            throw new InvalidOperationException($"{Name} exited early ({_process.ExitCode}):\n{Output}");
        Signals.Send(_process, signal);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(15)))
            throw new TimeoutException($"{Name} did not exit within 15 s of signal {signal}:\n{Output}");
        _process.WaitForExit(); // drains the redirected output
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
