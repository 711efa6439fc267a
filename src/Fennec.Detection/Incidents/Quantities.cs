using System.Globalization;

namespace Fennec.Detection.Incidents;

/// <summary>Numbers as an operator reads them in an explanation: 812 MB, 1.2 k, 40x, 2026-01-07 14:00 UTC.</summary>
public static class Quantities
{
    private static readonly string[] ByteUnits = ["B", "kB", "MB", "GB", "TB", "PB"];

    /// <summary>Bytes with a decimal unit (1 kB = 1000 B), three significant digits.</summary>
    public static string Bytes(double bytes)
    {
        var unit = 0;
        while (Math.Abs(bytes) >= 999.5 && unit < ByteUnits.Length - 1)
        {
            bytes /= 1000;
            unit++;
        }
        return $"{Significant(bytes)} {ByteUnits[unit]}";
    }

    /// <summary>A count, with k/M past a thousand.</summary>
    public static string Count(double count) => Math.Abs(count) switch
    {
        >= 999_500 => $"{Significant(count / 1e6)} M",
        >= 999.5 => $"{Significant(count / 1e3)} k",
        _ => Math.Round(count).ToString("0", CultureInfo.InvariantCulture),
    };

    /// <summary>A ratio such as "40x" or "2.5x".</summary>
    public static string Ratio(double ratio) =>
        double.IsPositiveInfinity(ratio) ? "far above" : $"{Significant(ratio)}x";

    /// <summary>A capture time as "2026-01-07 14:00 UTC" (minutes shown, seconds when not zero).</summary>
    public static string Time(long unixNs)
    {
        var time = DateTimeOffset.UnixEpoch.AddTicks(unixNs / 100);
        return time.ToString(time.Second == 0 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
    }

    private static string Significant(double value)
    {
        var magnitude = Math.Abs(value);
        var format = magnitude >= 100 ? "0" : magnitude >= 10 ? "0.#" : "0.##";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
