using System.Runtime.CompilerServices;

namespace Fennec.Flows.Export;

/// <summary>Conversions from capture time (nanoseconds since the Unix epoch) to the time fields of the formats.</summary>
internal static class ExportClock
{
    public const long NanosecondsPerMillisecond = 1_000_000;
    public const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>Whole seconds since the epoch, as the 32-bit header fields hold them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint UnixSeconds(long ns) => (uint)(Math.Max(ns, 0) / NanosecondsPerSecond);

    /// <summary>Milliseconds since the epoch (IPFIX dateTimeMilliseconds).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong UnixMilliseconds(long ns) => (ulong)(Math.Max(ns, 0) / NanosecondsPerMillisecond);

    /// <summary>
    /// Milliseconds from <paramref name="originNs"/> (a router's sysUptime), modulo 2^32 as on a router; times before
    /// the origin are clamped to it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint UptimeMilliseconds(long ns, long originNs) => (uint)(Math.Max(ns - originNs, 0) / NanosecondsPerMillisecond);
}
