using System.Globalization;
using Fennec.TestSupport;

namespace Fennec.Cli.Tests.Live;

/// <summary>
/// What the live collection tests share: <c>fennec collect</c> on a free port of 127.0.0.1 while a real exporter
/// sends to it, and packet and byte totals summed from CSV rows (collected ones, or <c>fennec flows</c>' for the
/// expected figures).
/// </summary>
internal static class LiveCollect
{
    /// <summary>
    /// Runs <c>fennec collect LISTEN PORT</c> (stopping 2 s after the last datagram) on a thread of its own and, once
    /// its socket is bound, <paramref name="export"/> with the port; returns what collect printed after checking it
    /// exited with 0.
    /// </summary>
    public static CliRunner.Result Run(string listen, Action<int> export, params string[] extra)
    {
        var port = FreePorts.Udp();
        CliRunner.Result? collected = null;
        // A thread, not a pool task: with test classes in parallel the pool may start it late, after the exporter.
        var collect = new Thread(() => collected = CliRunner.Run(["collect", listen, port.ToString(CultureInfo.InvariantCulture),
            "--stop-after-idle", "2", "--duration", "60", .. extra])) { IsBackground = true };
        collect.Start();
        FreePorts.WaitUntilUdpBound(port, TimeSpan.FromSeconds(30));
        export(port);
        if (!collect.Join(TimeSpan.FromSeconds(90)) || collected is null)
            throw new TimeoutException("fennec collect did not stop");
        collected.ExitCode.Should().Be(0, collected.Error);
        return collected;
    }

    /// <summary>The packets and bytes of <c>fennec flows</c> on the capture, both directions, over the rows <paramref name="filter"/> keeps.</summary>
    public static (long Packets, long Bytes) FlowTotals(string capture, Func<IReadOnlyDictionary<string, string>, bool> filter)
    {
        var flows = CliRunner.Run("flows", capture);
        flows.ExitCode.Should().Be(0, flows.Error);
        return Totals(flows.Lines, ["packets_fwd", "packets_rev"], ["ip_bytes_fwd", "ip_bytes_rev"], filter);
    }

    /// <summary>Sums the columns over the CSV rows <paramref name="filter"/> keeps (all when null).</summary>
    public static (long Packets, long Bytes) Totals(string[] lines, string[] packetColumns, string[] byteColumns,
        Func<IReadOnlyDictionary<string, string>, bool>? filter = null) =>
        Totals(Rows(lines).Where(r => filter is null || filter(r)), packetColumns, byteColumns);

    /// <summary>Sums the columns over the rows.</summary>
    public static (long Packets, long Bytes) Totals(IEnumerable<IReadOnlyDictionary<string, string>> rows, string[] packetColumns, string[] byteColumns)
    {
        long packets = 0, bytes = 0;
        foreach (var row in rows)
        {
            packets += packetColumns.Sum(c => long.Parse(row[c], CultureInfo.InvariantCulture));
            bytes += byteColumns.Sum(c => long.Parse(row[c], CultureInfo.InvariantCulture));
        }

        return (packets, bytes);
    }

    /// <summary>CSV rows (header first, no quoted commas) as column-to-value maps.</summary>
    public static IEnumerable<IReadOnlyDictionary<string, string>> Rows(string[] lines)
    {
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(line => (IReadOnlyDictionary<string, string>)header.Zip(line.Split(',')).ToDictionary(p => p.First, p => p.Second));
    }
}
