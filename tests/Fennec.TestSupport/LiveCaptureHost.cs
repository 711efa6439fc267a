using System.Runtime.InteropServices;

namespace Fennec.TestSupport;

/// <summary>
/// Whether this host can run live-capture tests: Linux (the tests capture on <c>lo</c>), root, and libpcap present.
/// Tests that capture are marked <see cref="RootFactAttribute"/>.
/// </summary>
public static class LiveCaptureHost
{
    // The sonames LiveCapture resolves, in the same order.
    private static readonly string[] LibPcapNames = ["libpcap.so.0.8", "libpcap.so.1", "libpcap.so"];

    private static readonly Lazy<bool> LibPcapPresent = new(() =>
    {
        foreach (var name in LibPcapNames)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                NativeLibrary.Free(handle);
                return true;
            }
        }

        return false;
    });

    /// <summary>True when the effective user is root (euid 0).</summary>
    public static bool IsRoot => Environment.IsPrivilegedProcess;

    /// <summary>True when libpcap can be loaded.</summary>
    public static bool HasLibPcap => LibPcapPresent.Value;

    /// <summary>
    /// Why live-capture tests are skipped here, or null when they must run. Capturing needs root, which CI cannot
    /// grant, so a non-root run skips even under CI; but a root run under CI=true never skips, so a missing libpcap
    /// fails there instead of hiding.
    /// </summary>
    public static string? SkipReason
    {
        get
        {
            if (!OperatingSystem.IsLinux())
                return "live-capture tests capture on the Linux loopback interface 'lo'";
            if (!IsRoot)
                return $"live capture needs root (euid 0); running as '{Environment.UserName}'";
            if (!SharedData.IsCi && !HasLibPcap)
                return $"libpcap cannot be loaded (tried {string.Join(", ", LibPcapNames)}; apt-get install libpcap0.8)";
            return null;
        }
    }
}
