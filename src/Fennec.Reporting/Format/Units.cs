using System.Globalization;

namespace Fennec.Reporting.Format;

/// <summary>
/// Numbers as the report prints them: counts with thousands separators, bytes in decimal units (KB = 1000 B, as
/// traffic is counted), rates in pps and bit/s, times in UTC ISO 8601. The page script formats chart axes the same way.
/// </summary>
internal static class Units
{
    private static readonly string[] ByteUnits = ["B", "KB", "MB", "GB", "TB", "PB", "EB"];
    private static readonly string[] BitRateUnits = ["bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s", "Pbit/s", "Ebit/s"];

    /// <summary>A count: "1,234,567".</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Bytes with three significant digits: "950 B", "1.23 MB", "45.6 GB".</summary>
    public static string Bytes(double bytes) => Scaled(bytes, ByteUnits);

    /// <summary>A bit rate from bytes over a duration: "12.3 Mbit/s"; "n/a" when the duration is zero.</summary>
    public static string BitRate(long bytes, long durationNs) =>
        durationNs <= 0 ? "n/a" : Scaled(bytes * 8.0 / (durationNs / 1e9), BitRateUnits);

    /// <summary>A packet rate: "1,234 pps", "0.5 pps"; "n/a" when the duration is zero.</summary>
    public static string PacketRate(long packets, long durationNs)
    {
        if (durationNs <= 0)
            return "n/a";
        var rate = packets / (durationNs / 1e9);
        return (rate >= 100 ? rate.ToString("N0", CultureInfo.InvariantCulture) : rate.ToString("0.##", CultureInfo.InvariantCulture)) + " pps";
    }

    /// <summary>A share as a percentage with one decimal: "12.5 %"; empty when the total is zero.</summary>
    public static string Percent(long part, long total) =>
        total <= 0 ? string.Empty : (100.0 * part / total).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    /// <summary>A severity with two decimals.</summary>
    public static string Severity(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Capture time (nanoseconds since the Unix epoch) in UTC ISO 8601 to the second: "2024-05-01T13:00:00Z".</summary>
    public static string Time(long unixNs) => Time(DateTimeOffset.FromUnixTimeMilliseconds(FloorDiv(unixNs, 1_000_000)));

    /// <summary>A wall-clock time in UTC ISO 8601 to the second.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A duration in the two largest units that matter: "3 d 4 h", "2 h 5 min", "45 s", "350 ms".</summary>
    public static string Duration(long ns)
    {
        if (ns < 0)
            ns = 0;
        var span = TimeSpan.FromTicks(ns / 100);
        if (span.TotalDays >= 1)
            return $"{(long)span.TotalDays} d {span.Hours} h";
        if (span.TotalHours >= 1)
            return $"{span.Hours} h {span.Minutes} min";
        if (span.TotalMinutes >= 1)
            return $"{span.Minutes} min {span.Seconds} s";
        if (span.TotalSeconds >= 1)
            return span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
        return (ns / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + " ms";
    }

    /// <summary>Nanoseconds to whole milliseconds, rounding towards minus infinity (times before 1970 stay ordered).</summary>
    public static long FloorDiv(long value, long divisor) => value / divisor - (value % divisor < 0 ? 1 : 0);

    private static string Scaled(double value, string[] units)
    {
        var unit = 0;
        while (Math.Abs(value) >= 999.5 && unit < units.Length - 1)
        {
            value /= 1000;
            unit++;
        }

        var format = unit == 0 || Math.Abs(value) >= 99.95 ? "0" : Math.Abs(value) >= 9.995 ? "0.0" : "0.00";
        return value.ToString(format, CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
