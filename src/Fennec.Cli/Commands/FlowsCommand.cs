using System.CommandLine;
using Fennec.Cli.Output;
using Fennec.Flows.Assembly;
using Fennec.Flows.Export;
using Fennec.Flows.Parallel;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;
using Fennec.Packets.Text;

namespace Fennec.Cli.Commands;

/// <summary><c>fennec flows</c>: bidirectional flow records from one or more captures.</summary>
internal static class FlowsCommand
{
    public static Command Create(CliIO io)
    {
        var captures = CommonOptions.NoUnknownOptions(new Argument<string[]>("capture")
        {
            Description = "Captures (pcap or pcapng, plain or gzip-compressed, or - for standard input), read in the order given as one stream.",
            Arity = ArgumentArity.OneOrMore,
        });
        var format = CommonOptions.Format();
        var defaults = new FlowTableOptions();
        var idle = Seconds("--idle-timeout", "A flow with no packet for this many seconds of capture time ends.", defaults.IdleTimeout, allowZero: false);
        var active = Seconds("--active-timeout", "A flow lasting this many seconds is cut into a new record.", defaults.ActiveTimeout, allowZero: false);
        var linger = Seconds("--close-linger", "Seconds a TCP flow waits after FIN from both sides or a RST.", defaults.CloseLinger, allowZero: true);
        var memory = new Option<int>("--max-memory")
        {
            Description = "MiB the flow table may use; past it the least recently seen flows are evicted (and counted).",
            DefaultValueFactory = _ => (int)(defaults.MemoryBound >> 20),
        };
        memory.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
                r.AddError("--max-memory must be at least 1 (MiB).");
        });
        var export = new Option<string[]>("--export")
        {
            Description = "Send the records to a collector instead of writing rows: ipfix://HOST:PORT, netflow9://HOST:PORT or netflow5://HOST:PORT (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        export.Validators.Add(r =>
        {
            foreach (var target in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (!ExportTarget.TryParse(target, out _, out var error))
                    r.AddError($"--export {target}: {error}");
            }
        });
        var rate = new Option<int>("--export-rate")
        {
            Description = "The most datagrams a second sent to each collector, so that its socket buffer keeps up.",
            DefaultValueFactory = _ => new ExportOptions().MaxDatagramsPerSecond,
        };
        rate.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
                r.AddError("--export-rate must be at least 1 datagram a second.");
        });
        var threads = new Option<int>("--threads")
        {
            Description = "Threads to use. One plain pcap file written as rows is read as consecutive parts, cut where one table holds no flow (a jump back in time or a silence past the idle timeout), giving one thread's rows byte for byte; other input is read whole by every thread, each keeping the flows its share of a symmetric hash owns (the same records, in no particular order; standard input is read by one thread).",
            DefaultValueFactory = _ => 1,
        };
        threads.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 64)
                r.AddError("--threads must be between 1 and 64.");
        });
        var command = new Command("flows", "Assemble packets into bidirectional flow records (CSV or JSON Lines, or exported over IPFIX/NetFlow), on capture time.")
        {
            captures, format, idle, active, linger, memory, export, rate, threads,
        };
        command.SetAction(r => Run(io, r.GetValue(captures)!, r.GetValue(format), new FlowTableOptions
        {
            IdleTimeout = TimeSpan.FromSeconds(r.GetValue(idle)),
            ActiveTimeout = TimeSpan.FromSeconds(r.GetValue(active)),
            CloseLinger = TimeSpan.FromSeconds(r.GetValue(linger)),
            MemoryBound = (long)r.GetValue(memory) << 20,
        }, r.GetValue(export) ?? [], new ExportOptions { MaxDatagramsPerSecond = r.GetValue(rate) }, r.GetValue(threads)));
        return command;
    }

    private static Option<double> Seconds(string name, string description, TimeSpan defaultValue, bool allowZero)
    {
        var option = new Option<double>(name)
        {
            Description = $"{description} Default {defaultValue.TotalSeconds:0.###}.",
            DefaultValueFactory = _ => defaultValue.TotalSeconds,
        };
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<double>();
            if (double.IsNaN(value) || value < 0 || (value == 0 && !allowZero))
                r.AddError($"{name} must be a {(allowZero ? "non-negative" : "positive")} number of seconds.");
        });
        return option;
    }

    private static int Run(CliIO io, string[] paths, OutputFormat format, FlowTableOptions options, string[] targets, ExportOptions exportOptions,
        int threads)
    {
        var exporters = new List<FlowExporter>();
        var current = "";
        try
        {
            foreach (var target in targets)
            {
                current = target;
                var exporter = new FlowExporter(ExportTarget.Parse(target), exportOptions);
                exporters.Add(exporter);
                exporter.Start();
            }
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or ArgumentException)
        {
            io.Error.WriteLine($"fennec flows: cannot export to {current}: {e.Message}");
            exporters.ForEach(x => x.Dispose());
            return ExitCodes.CannotOpen;
        }

        // Standard input can be read only once, so it is read by one thread.
        var partitions = paths.Contains("-") ? 1 : threads;
        int exit;
        FlowTableStatistics? statistics;
        if (exporters.Count > 0)
        {
            IFlowSink sink = partitions == 1 ? new FanOutSink(exporters) : new SynchronizedSink(new FanOutSink(exporters));
            exit = Assemble(io, paths, _ => sink, options, partitions, out statistics);
        }
        else if (partitions > 1 && paths.Length == 1 && TryReadInParts(io, paths[0], format, options, partitions, out exit, out statistics))
        {
        }
        else
        {
            using (var header = new Utf8LineWriter(io.Output, leaveOpen: true))
                new FlowRowWriter(header, format).WriteHeader();

            // Each partition writes its rows through its own buffer, handing the shared stream whole lines only.
            var shared = partitions == 1 ? io.Output : Stream.Synchronized(io.Output);
            var writers = Enumerable.Range(0, partitions)
                .Select(_ => new Utf8LineWriter(shared, leaveOpen: true, wholeLines: partitions > 1)).ToArray();
            try
            {
                exit = Assemble(io, paths, i => new FlowRowWriter(writers[i], format), options, partitions, out statistics);
            }
            finally
            {
                foreach (var writer in writers)
                    DisposeOutput(writer);
            }
        }

        foreach (var exporter in exporters)
        {
            exporter.Dispose();
            io.Error.WriteLine($"fennec flows: exported to {exporter.Target}: {exporter.DatagramsSent} datagrams, {exporter.RecordsSent} records; " +
                               $"{exporter.SendErrors} send errors, {exporter.SkippedNonIpFlows} non-IP and {exporter.SkippedIPv6Flows} IPv6 flows not exportable.");
            if (exporter.SendErrors > 0)
                exit = Math.Max(exit, ExitCodes.CannotOpen);
        }

        if (statistics is null)
            return exit;
        var s = statistics;
        io.Error.WriteLine($"fennec flows: {s.Packets} packets, {s.Bytes} bytes, {s.FlowsCreated} flows, {s.RecordsEmitted} records " +
                           $"({s.ActiveTimeouts} active-timeout cuts, {s.Evicted} evicted), peak {s.PeakFlows} flows; " +
                           $"{s.TimeWentBack} packets earlier than the newest ({s.ClockResets} jumps back past the idle timeout), {s.Duplicates} duplicates.");
        return exit;
    }

    /// <summary>
    /// Parts asked for per thread, in rounds that shrink (see <see cref="SplitFlowReader.TryPlan"/>): parts differ in
    /// work and the machine slows one thread or the other for a while, and threads taking parts in turn even that out
    /// down to the last part's length, while each part costs its own start and, ahead of the head, holds its rows. On
    /// the race capture with two threads, the gap between the threads' finishing times was 12-70 ms with three equal
    /// parts each and 5-11 ms with five shrinking (six runs each, alternating, in a noisy spell); the run took the same
    /// in a quiet one (0.154 against 0.157 s, medians of 21). With equal parts, earlier: 0.146 s with 2, 0.140-0.142 s
    /// with 3, 0.151-0.153 s with 4, 0.146 s with 5 and 6, 0.150 s with 8.
    /// </summary>
    private const int PartsPerThread = 5;

    /// <summary>
    /// Reads one plain pcap file as consecutive parts on several threads when it has places to cut where one table
    /// holds no flow (see <see cref="SplitFlowReader"/>); false, having written nothing, when it has none. Each
    /// part's rows follow the part before's (<see cref="PartOrderedOutput"/>), so the output is byte for byte one
    /// thread's.
    /// </summary>
    private static bool TryReadInParts(CliIO io, string path, OutputFormat format, FlowTableOptions options, int threads, out int exit,
        out FlowTableStatistics? statistics)
    {
        exit = ExitCodes.Success;
        statistics = null;
        using var file = path == "-" ? null : SeekablePcap.TryOpen(path);
        var plan = file is null ? null : SplitFlowReader.TryPlan(file, threads * PartsPerThread, options, threads);
        if (plan is null)
            return false;

        using var ordered = new PartOrderedOutput(io.Output, plan.Parts);
        var writers = Enumerable.Range(0, plan.Parts).Select(k => new Utf8LineWriter(ordered[k], leaveOpen: true)).ToArray();
        try
        {
            new FlowRowWriter(writers[0], format).WriteHeader();
            var result = plan.Read(threads, k => new FlowRowWriter(writers[k], format), (k, next) =>
            {
                writers[k].Dispose();
                ordered.Finish(k, next);
            });
            io.Output.Flush();
            statistics = result.Statistics;
            if (result.Damage is not null)
            {
                ReportDamage(io, result.Damage);
                exit = ExitCodes.DamagedInput;
            }
        }
        catch (IOException)
        {
            // The reader of our output went away.
        }

        return true;
    }

    /// <summary>Flushes a row writer; a reader of our output that went away is not an error.</summary>
    private static void DisposeOutput(Utf8LineWriter writer)
    {
        try
        {
            writer.Dispose();
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// Runs the flow tables: one on this thread, or <paramref name="partitions"/> each on a thread of its own that
    /// reads and decodes the whole input itself and keeps the flows its share of the hash owns (see
    /// <see cref="FlowPartition"/>). Statistics are null when the reader of our output went away.
    /// </summary>
    private static int Assemble(CliIO io, string[] paths, Func<int, IFlowSink> sinkFor, FlowTableOptions options, int partitions,
        out FlowTableStatistics? statistics)
    {
        if (partitions == 1)
        {
            using var table = new FlowTable(sinkFor(0), options);
            return Read(io, paths, table, report: true, out statistics);
        }

        var results = new (int Exit, FlowTableStatistics? Statistics, Exception? Failure)[partitions];
        var workers = Enumerable.Range(1, partitions - 1).Select(i => new Thread(() => results[i] = ReadPartition(i)) { Name = $"fennec-flows-{i}" })
            .ToList();
        workers.ForEach(w => w.Start());
        results[0] = ReadPartition(0);
        workers.ForEach(w => w.Join());

        foreach (var result in results)
        {
            if (result.Failure is not null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(result.Failure);
        }

        statistics = results.Any(r => r.Statistics is null) ? null : FlowPartition.Combine(results.Select(r => r.Statistics!).ToList());
        return results.Max(r => r.Exit);

        (int, FlowTableStatistics?, Exception?) ReadPartition(int index)
        {
            try
            {
                // Every partition meets the same damage at the same place; only the first says so.
                using var partition = new FlowPartition(sinkFor(index), index, partitions, options);
                var exit = Read(io, paths, partition, report: index == 0, out var own);
                return (exit, own, null);
            }
            catch (Exception e)
            {
                return (ExitCodes.Success, null, e);
            }
        }
    }

    /// <summary>Reads every capture in order into <paramref name="table"/>, then flushes it.</summary>
    private static int Read(CliIO io, string[] paths, IFlowAssembler table, bool report, out FlowTableStatistics? statistics)
    {
        var quiet = new CliIO(io.Output, TextWriter.Null, io.Input);
        statistics = null;
        var exit = ExitCodes.Success;
        try
        {
            foreach (var path in paths)
            {
                using var reader = CaptureInput.TryOpen(path, report ? io : quiet, "flows", out var openExit);
                if (reader is null)
                {
                    exit = Math.Max(exit, openExit);
                    continue;
                }

                try
                {
                    while (reader.TryRead(out var record))
                    {
                        PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var packet);
                        table.Add(packet);
                    }
                }
                catch (CaptureFormatException e)
                {
                    if (report)
                        ReportDamage(io, e);
                    exit = Math.Max(exit, ExitCodes.DamagedInput);
                }
            }

            table.Flush();
        }
        catch (IOException)
        {
            return ExitCodes.Success; // the reader of our output went away
        }

        statistics = table.Statistics;
        return exit;
    }

    private static void ReportDamage(CliIO io, CaptureFormatException e) =>
        io.Error.WriteLine($"fennec flows: {e.Message}; the packets before it were counted, going on with the next capture.");
}
