using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Fennec.Cli.Analyze;
using Fennec.Cli.Output;
using Fennec.Flows.Collection;
using Fennec.Flows.Collection.Listening;
using Fennec.Packets.Text;
using Fennec.Storage;

namespace Fennec.Cli.Commands;

/// <summary>
/// <c>fennec collect</c>: receive NetFlow v5/v9, IPFIX and sFlow on UDP and write the flow records as rows, or store
/// them as a run of a store (<c>--db</c>; rows then go to standard output only when <c>--format</c> is given too).
/// </summary>
internal static class CollectCommand
{
    private static readonly (string Name, int Port)[] Defaults = [("--netflow", 2055), ("--ipfix", 4739), ("--sflow", 6343)];

    public static Command Create(CliIO io)
    {
        var listeners = Defaults.Select(d => Endpoint(d.Name, d.Port)).ToArray();
        var format = CommonOptions.Format();
        var duration = Number("--duration", "Stop after this many seconds (0: run until Ctrl-C).", 0);
        var idle = Number("--stop-after-idle", "Stop once this many seconds pass with no datagram after the first (0: never).", 0);
        var sampling = new Option<uint>("--default-sampling-rate")
        {
            Description = "The sampling rate of records whose exporter announces none (by default such records are passed on unscaled and counted).",
        };
        var loops = new Option<int>("--receivers")
        {
            Description = "Receive loops (sockets) per address.",
            DefaultValueFactory = _ => new UdpCollectorOptions().LoopsPerEndpoint,
        };
        loops.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 64)
                r.AddError("--receivers must be between 1 and 64.");
        });
        var db = new Option<string?>("--db")
        {
            Description = "Store the records in this SQLite file (created or migrated; each collection is a new run). Rows go to standard output only if --format is given too.",
        };
        var analyze = new Option<string?>("--analyze")
        {
            Description = "When collection stops, analyse the flows stored by this run (as 'fennec analyze DB --run N', with its defaults) " +
                          "and write the report to this file; needs --db.",
        };
        var command = new Command("collect",
            "Receive flow telemetry (NetFlow v5/v9 on 127.0.0.1:2055, IPFIX on :4739, sFlow on :6343 by default) and write the records as CSV or JSON Lines, or store them (--db); Ctrl-C stops after storing everything received.")
        {
            listeners[0], listeners[1], listeners[2], format, db, duration, idle, sampling, loops, analyze,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(analyze) is not null && r.GetValue(db) is null)
                r.AddError("--analyze needs --db: the analysis reads the flows the run stored.");
        });
        command.SetAction(r =>
        {
            var named = listeners.Select(l => r.GetValue(l)).Where(v => v is not null).Select(v => v!).ToList();
            var endpoints = named.Count > 0
                ? named.Select(v => Parse(v)!).ToList()
                : Defaults.Select(d => new IPEndPoint(IPAddress.Loopback, d.Port)).ToList();
            var options = new UdpCollectorOptions
            {
                Endpoints = endpoints,
                LoopsPerEndpoint = r.GetValue(loops),
                Decoder = new TelemetryDecoderOptions { DefaultSamplingRate = r.GetValue(sampling) },
            };
            var dbPath = r.GetValue(db);
            // With --db, rows are written only when asked for explicitly.
            var writeRows = dbPath is null || r.GetResult(format) is { Implicit: false };
            var run = new CollectRun(r.GetValue(format), writeRows, dbPath, r.GetValue(duration), r.GetValue(idle));
            var exit = Run(io, options, run, out var runId);
            if (r.GetValue(analyze) is not { } report || dbPath is null || exit != ExitCodes.Success)
                return exit;
            // The store is closed (its log copied back) before the analysis opens it again.
            return new AnalyzeRun(io, new AnalyzeSettings { Inputs = [dbPath], DbPath = dbPath, ReportPath = report, Runs = [runId] }).Execute();
        });
        return command;
    }

    private static int Run(CliIO io, UdpCollectorOptions options, CollectRun run, out long runId)
    {
        runId = 0;
        using var store = OpenStore(io, run.DbPath);
        if (run.DbPath is not null && store is null)
            return ExitCodes.CannotOpen;
        using var output = new Utf8LineWriter(io.Output, leaveOpen: true);
        var rows = run.WriteRows ? new TelemetryRowWriter(output, run.Format) : null;
        rows?.WriteHeader();
        TelemetryStoreSink? stored = null;
        try
        {
            runId = store?.BeginRun(new RunInfo("collect", [.. options.Endpoints.Select(e => $"udp://{e}")], DateTimeOffset.UtcNow,
                FennecVersion(), OptionsJson(options, run))) ?? 0;
        }
        catch (StoreException e)
        {
            io.Error.WriteLine($"fennec collect: {e.Message}");
            return ExitCodes.CannotOpen;
        }

        if (store is not null)
            stored = new TelemetryStoreSink(store, runId);
        // The receive loops only decode and queue; one thread writes the rows and adds to (and commits) the store,
        // so a commit never keeps a loop from its socket.
        using var queue = new QueuedBatchSink(Sinks(rows, stored), () =>
        {
            rows?.Flush();
            stored?.Flush();
        });
        queue.Start();
        using var collector = new UdpCollector(options, queue);
        try
        {
            collector.Start();
        }
        catch (SocketException e)
        {
            io.Error.WriteLine($"fennec collect: cannot listen on {string.Join(", ", options.Endpoints)}: {e.Message}");
            queue.Dispose();
            Finish(io, store, runId, stored, "failed");
            return ExitCodes.CannotOpen;
        }

        var capped = collector.ReceiveBufferCapped
            ? $" (asked for {options.ReceiveBufferBytes >> 10} KiB: capped by net.core.rmem_max; bursts may be lost in the kernel)"
            : string.Empty;
        io.Error.WriteLine($"fennec collect: listening on {string.Join(", ", options.Endpoints)} " +
                           $"({options.LoopsPerEndpoint} receivers each, receive buffer {collector.ReceiveBufferBytes >> 10} KiB{capped})" +
                           (store is null ? string.Empty : $", storing in {store.Path} as run {runId}"));
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        WaitForStop(collector, () => queue.Failure is null && stored?.Failure is null, run.Duration, run.Idle, stop.Token);
        collector.Stop();
        // Everything the loops queued reaches the rows and the store before the run is finished.
        queue.Dispose();
        rows?.Flush();
        if (store?.CheckpointFailure is { } checkpoint)
            io.Error.WriteLine($"fennec collect: warning: {checkpoint.Message} (the log is copied back when the store closes)");
        var ok = Finish(io, store, runId, stored, "ok");
        if (queue.Failure is { } failure)
        {
            io.Error.WriteLine($"fennec collect: writing stopped: {failure.Message}");
            ok = false;
        }

        Summarise(io, collector, queue, rows, stored, store?.Path);
        return ok ? ExitCodes.Success : ExitCodes.CannotOpen;
    }

    private static FennecStore? OpenStore(CliIO io, string? path)
    {
        if (path is null)
            return null;
        try
        {
            // Checkpoints run beside the writer, so a commit never waits for the log to be copied back and synced.
            return FennecStore.Open(path, new StoreOptions { CheckpointInBackground = true });
        }
        catch (StoreException e)
        {
            io.Error.WriteLine($"fennec collect: {e.Message}");
            return null;
        }
    }

    /// <summary>Commits what the sink holds and records the run's end; false (with the reason written) on a store error.</summary>
    private static bool Finish(CliIO io, FennecStore? store, long runId, TelemetryStoreSink? stored, string status)
    {
        if (store is null || stored is null)
            return true;
        stored.Dispose();
        try
        {
            store.FinishRun(runId, stored.Summary(stored.Failure is null ? status : "failed"));
        }
        catch (StoreException e)
        {
            io.Error.WriteLine($"fennec collect: {e.Message}");
            return false;
        }

        if (stored.Failure is null)
            return true;
        io.Error.WriteLine($"fennec collect: storing stopped: {stored.Failure.Message}");
        return false;
    }

    private static ITelemetryBatchSink Sinks(TelemetryRowWriter? rows, TelemetryStoreSink? stored) => (rows, stored) switch
    {
        (not null, not null) => new BothSinks(rows, stored),
        (not null, null) => rows,
        _ => stored!,
    };

    private static string FennecVersion() =>
        typeof(CollectCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static string OptionsJson(UdpCollectorOptions options, CollectRun run)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("listen");
            foreach (var endpoint in options.Endpoints)
                json.WriteStringValue(endpoint.ToString());
            json.WriteEndArray();
            json.WriteNumber("receivers", options.LoopsPerEndpoint);
            json.WriteNumber("default_sampling_rate", options.Decoder.DefaultSamplingRate);
            json.WriteNumber("duration", run.Duration);
            json.WriteNumber("stop_after_idle", run.Idle);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Waits for Ctrl-C, SIGTERM, the duration, idleness, or <paramref name="healthy"/> turning false (a write failed).</summary>
    private static void WaitForStop(UdpCollector collector, Func<bool> healthy, double duration, double idle, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var lastDatagrams = 0L;
        var lastChange = TimeSpan.Zero;
        while (!stop.WaitHandle.WaitOne(100))
        {
            var now = clock.Elapsed;
            if ((duration > 0 && now.TotalSeconds >= duration) || !healthy())
                return;
            var datagrams = collector.Datagrams;
            if (datagrams != lastDatagrams)
            {
                lastDatagrams = datagrams;
                lastChange = now;
            }
            else if (idle > 0 && datagrams > 0 && (now - lastChange).TotalSeconds >= idle)
            {
                return;
            }
        }
    }

    private static void Summarise(CliIO io, UdpCollector collector, QueuedBatchSink queue, TelemetryRowWriter? rows, TelemetryStoreSink? stored, string? dbPath)
    {
        var written = rows is null ? string.Empty : $", {rows.Rows} flow records written";
        var kept = stored is null ? string.Empty : $", {stored.Rows} flow records stored in {dbPath}";
        io.Error.WriteLine($"fennec collect: {collector.Datagrams} datagrams{written}{kept}.");
        if (queue.Blocks > 0)
        {
            io.Error.WriteLine($"  receive loops waited {queue.BlockedTime.TotalMilliseconds:0} ms in all ({queue.Blocks} times) for the writer " +
                               $"(queue full at {queue.PeakQueuedRecords} records; datagrams waited in the socket buffer)");
        }

        foreach (var (exporter, counters) in collector.ExporterCounters().OrderBy(e => e.Key.ToString(), StringComparer.Ordinal))
        {
            var nonZero = counters.Where(c => c.Value != 0).Select(c => $"{c.Key} {c.Value.ToString(CultureInfo.InvariantCulture)}");
            io.Error.WriteLine($"  exporter {exporter}: {string.Join(", ", nonZero)}");
        }
    }

    private static Option<string?> Endpoint(string name, int port)
    {
        var option = new Option<string?>(name)
        {
            Description = $"Listen here (ADDR:PORT, [IPv6]:PORT, or PORT for 127.0.0.1); the usual port is {port}.",
        };
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string?>();
            if (value is not null && Parse(value) is null)
                r.AddError($"{name} {value}: expected ADDR:PORT, [IPv6]:PORT or a port number.");
        });
        return option;
    }

    private static IPEndPoint? Parse(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
            return new IPEndPoint(IPAddress.Loopback, port);
        return IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0 ? endpoint : null;
    }

    private static Option<double> Number(string name, string description, double defaultValue)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<double>();
            if (double.IsNaN(value) || value < 0)
                r.AddError($"{name} must be a non-negative number of seconds.");
        });
        return option;
    }

    private sealed record CollectRun(OutputFormat Format, bool WriteRows, string? DbPath, double Duration, double Idle);

    /// <summary>Rows to the output and records to the store, from the same batches.</summary>
    private sealed class BothSinks(TelemetryRowWriter rows, TelemetryStoreSink stored) : ITelemetryBatchSink
    {
        public void OnRecords(ReadOnlySpan<TelemetryRecord> records)
        {
            rows.OnRecords(records);
            stored.OnRecords(records);
        }
    }
}
