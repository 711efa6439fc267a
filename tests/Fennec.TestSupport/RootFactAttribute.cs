using Xunit;

namespace Fennec.TestSupport;

/// <summary>
/// A fact that captures live packets: skipped with a visible reason when not running as root on Linux or when libpcap
/// is missing, but mandatory as root under CI=true (see <see cref="LiveCaptureHost.SkipReason"/>).
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason from the process's privileges and the presence of libpcap.</summary>
    public RootFactAttribute()
    {
        if (LiveCaptureHost.SkipReason is { } reason)
            Skip = reason;
    }
}
