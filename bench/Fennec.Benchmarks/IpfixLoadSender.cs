using System.Diagnostics;
using Fennec.Flows.Export;

namespace Fennec.Benchmarks;

/// <summary>
/// The sending half of <c>bench/load-collect.sh</c>: replays synthetic flows (two IPFIX records each, one per
/// direction) to a collector through Fennec's own exporter, paced to a target rate of records per second, and prints
/// what it sent. Run as <c>Fennec.Benchmarks send-ipfix HOST:PORT RECORDS RATE [--same-times]</c>; with the option,
/// every pass over the flows repeats the same start times (the worst case for the store's time index).
/// </summary>
internal static class IpfixLoadSender
{
    public static int Run(string target, long records, int rate, bool risingTimes = true)
    {
        if (!ExportTarget.TryParse($"ipfix://{target}", out var parsed, out var error))
        {
            Console.Error.WriteLine($"send-ipfix: {error}");
            return 2;
        }
        var flows = SyntheticFlows.Make(50_000, mixed: false);
        // A 1,400-byte IPFIX datagram carries about 24 of these records after its header; pacing is per datagram.
        const int RecordsPerDatagram = 24;
        using var exporter = new FlowExporter(parsed, new ExportOptions { MaxDatagramsPerSecond = Math.Max(1, rate / RecordsPerDatagram) });
        exporter.Start();
        var clock = Stopwatch.StartNew();
        var i = 0;
        var shift = 0L;
        while (exporter.RecordsSent < records)
        {
            // Each pass over the flows starts where the last ended (they span 50 s), so start times keep rising as
            // a live exporter's do; replaying the same times over would scatter inserts all over the store's time
            // index, which no real traffic does.
            var flow = flows[i];
            flow.FirstNs += shift;
            flow.LastNs += shift;
            flow.Forward.FirstNs += shift;
            flow.Forward.LastNs += shift;
            flow.Reverse.FirstNs += shift;
            flow.Reverse.LastNs += shift;
            exporter.OnFlow(flow);
            if (++i == flows.Length)
            {
                i = 0;
                shift += risingTimes ? flows[^1].LastNs - flows[0].FirstNs : 0;
            }
        }
        exporter.Flush();
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"sent {exporter.RecordsSent} records in {exporter.DatagramsSent} datagrams in {seconds:0.000} s " +
                          $"({exporter.RecordsSent / seconds:0} records/s, {exporter.SendErrors} send errors)");
        return 0;
    }
}
