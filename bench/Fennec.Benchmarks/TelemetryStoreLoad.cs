using System.Diagnostics;
using Fennec.Cli.Output;
using Fennec.Flows.Collection;
using Fennec.Storage;

namespace Fennec.Benchmarks;

/// <summary>
/// The store half of <c>fennec collect --db</c> alone, without sockets: the records <c>bench/load-collect.sh</c>
/// sends (two IPFIX-shaped records per synthetic flow, 50,000 flows cycled, start times rising pass after pass) go
/// through <see cref="TelemetryStoreSink"/> in batches of 4,096, as the collector's writer thread hands them on, into
/// a fresh file (checkpointed in the background, as collect does), committed every 500,000 records. Prints rows a
/// second and the process CPU time per row, which is what the writer costs whatever else the machine runs. Run as
/// <c>Fennec.Benchmarks store-telemetry RECORDS [--same-times] [--inline-checkpoints] [FOLDER]</c>: the options
/// replay the same start times every pass (inserts all over the time index) and checkpoint in the committing thread.
/// </summary>
internal static class TelemetryStoreLoad
{
    private const int Batch = 4096;

    public static int Run(long records, bool rising, bool backgroundCheckpoints, string? folder)
    {
        var flows = SyntheticFlows.Make(50_000, mixed: false);
        var batch = new TelemetryRecord[Batch];
        var path = Path.Combine(folder ?? Path.GetTempPath(), $"fennec-store-load-{Environment.ProcessId}.db");
        try
        {
            using var store = FennecStore.Open(path, new StoreOptions { CheckpointInBackground = backgroundCheckpoints });
            var run = store.BeginRun(new RunInfo("collect", [], DateTimeOffset.UtcNow, "bench", "{}"));
            using var sink = new TelemetryStoreSink(store, run);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            long done = 0, sinceCommit = 0;
            var i = 0;
            var cycle = 0L;
            var span = flows[^1].LastNs - flows[0].FirstNs;
            while (done < records)
            {
                var count = (int)Math.Min(Batch, records - done);
                for (var r = 0; r < count; r += 2)
                {
                    ref readonly var f = ref flows[i];
                    // Start times rise pass after pass, as in bench/load-collect.sh's sender.
                    var shift = rising ? cycle * span : 0;
                    if (++i == flows.Length)
                    {
                        i = 0;
                        cycle++;
                    }

                    batch[r] = Record(f.SrcIp, f.DstIp, f.SrcPort, f.DstPort, (byte)f.Protocol, f.FirstNs + shift, f.LastNs + shift, f.Forward.Packets, f.Forward.IpBytes);
                    if (r + 1 < count)
                        batch[r + 1] = Record(f.DstIp, f.SrcIp, f.DstPort, f.SrcPort, (byte)f.Protocol, f.FirstNs + shift, f.LastNs + shift, f.Reverse.Packets, f.Reverse.IpBytes);
                }

                sink.OnRecords(batch.AsSpan(0, count));
                done += count;
                if ((sinceCommit += count) >= 500_000)
                {
                    sink.Flush();
                    sinceCommit = 0;
                }
            }

            sink.Flush();
            var seconds = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            if (sink.Failure is { } failure)
                throw failure;
            Console.WriteLine($"stored {sink.Rows} records in {seconds:0.000} s ({sink.Rows / seconds:0} records/s), " +
                              $"CPU {cpuSeconds * 1e6 / sink.Rows:0.00} us a record ({sink.Rows / cpuSeconds:0} records per CPU second)");
            return 0;
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                File.Delete(file);
        }
    }

    private static TelemetryRecord Record(Packets.Decoding.IpAddress src, Packets.Decoding.IpAddress dst, ushort srcPort, ushort dstPort,
        byte protocol, long firstNs, long lastNs, long packets, long bytes) => new()
    {
        Protocol = TelemetryProtocol.Ipfix,
        Exporter = Packets.Decoding.IpAddress.FromIPv4(0x7F00_0001),
        FirstNs = firstNs,
        LastNs = lastNs,
        SrcIp = src,
        DstIp = dst,
        SrcPort = srcPort,
        DstPort = dstPort,
        IpProtocol = protocol,
        IpVersion = 4,
        TcpFlags = 0x12,
        Packets = (ulong)packets,
        Bytes = (ulong)bytes,
        Direction = 255,
    };
}
