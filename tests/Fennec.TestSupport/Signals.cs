using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Fennec.TestSupport;

/// <summary>Sends POSIX signals to child processes by their id, so peer tools can finish cleanly (write files, flush).</summary>
public static class Signals
{
    /// <summary>SIGINT, as Ctrl-C sends it.</summary>
    public const int Interrupt = 2;

    /// <summary>SIGTERM.</summary>
    public const int Terminate = 15;

    /// <summary>Sends <paramref name="signal"/> to the process; throws naming the process and errno when that fails.</summary>
    public static void Send(Process process, int signal)
    {
        if (Kill(process.Id, signal) != 0)
            throw new InvalidOperationException($"kill({process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
