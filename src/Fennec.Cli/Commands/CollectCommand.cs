using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Fennec.Cli.Output;
using Fennec.Flows.Collection;
using Fennec.Flows.Collection.Listening;
using Fennec.Packets.Text;

namespace Fennec.Cli.Commands;

/// <summary><c>fennec collect</c>: receive NetFlow v5/v9, IPFIX and sFlow on UDP and write the flow records.</summary>
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
        var command = new Command("collect",
            "Receive flow telemetry (NetFlow v5/v9 on 127.0.0.1:2055, IPFIX on :4739, sFlow on :6343 by default) and write the records as CSV or JSON Lines; Ctrl-C stops after storing everything received.")
        {
            listeners[0], listeners[1], listeners[2], format, duration, idle, sampling, loops,
        };
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
            return Run(io, options, r.GetValue(format), r.GetValue(duration), r.GetValue(idle));
        });
        return command;
    }

    private static int Run(CliIO io, UdpCollectorOptions options, OutputFormat format, double duration, double idle)
    {
        using var output = new Utf8LineWriter(io.Output, leaveOpen: true);
        var rows = new TelemetryRowWriter(output, format);
        rows.WriteHeader();
        using var collector = new UdpCollector(options, rows);
        try
        {
            collector.Start();
        }
        catch (SocketException e)
        {
            io.Error.WriteLine($"fennec collect: cannot listen on {string.Join(", ", options.Endpoints)}: {e.Message}");
            return ExitCodes.CannotOpen;
        }

        io.Error.WriteLine($"fennec collect: listening on {string.Join(", ", options.Endpoints)} " +
                           $"({options.LoopsPerEndpoint} receivers each, receive buffer {collector.ReceiveBufferBytes >> 10} KiB)");
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        WaitForStop(collector, rows, duration, idle, stop.Token);
        collector.Stop();
        rows.Flush();
        Summarise(io, collector, rows);
        return ExitCodes.Success;
    }

    private static void WaitForStop(UdpCollector collector, TelemetryRowWriter rows, double duration, double idle, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var lastDatagrams = 0L;
        var lastChange = TimeSpan.Zero;
        while (!stop.WaitHandle.WaitOne(100))
        {
            var now = clock.Elapsed;
            if (duration > 0 && now.TotalSeconds >= duration)
                return;
            var datagrams = collector.Datagrams;
            if (datagrams != lastDatagrams)
            {
                lastDatagrams = datagrams;
                lastChange = now;
                // Rows reach the output in step with arrivals, not only when the 64 KiB buffer fills.
                rows.Flush();
            }
            else if (idle > 0 && datagrams > 0 && (now - lastChange).TotalSeconds >= idle)
            {
                return;
            }
        }
    }

    private static void Summarise(CliIO io, UdpCollector collector, TelemetryRowWriter rows)
    {
        io.Error.WriteLine($"fennec collect: {collector.Datagrams} datagrams, {rows.Rows} flow records written.");
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
}
