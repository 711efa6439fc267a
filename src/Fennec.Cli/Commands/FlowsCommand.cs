using System.CommandLine;
using Fennec.Cli.Output;
using Fennec.Flows.Assembly;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;
using Fennec.Packets.Text;

namespace Fennec.Cli.Commands;

/// <summary><c>fennec flows</c>: bidirectional flow records from one or more captures.</summary>
internal static class FlowsCommand
{
    public static Command Create(CliIO io)
    {
        var captures = new Argument<string[]>("capture")
        {
            Description = "Captures (pcap or pcapng, plain or gzip-compressed, or - for standard input), read in the order given as one stream.",
            Arity = ArgumentArity.OneOrMore,
        };
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
        var command = new Command("flows", "Assemble packets into bidirectional flow records (CSV or JSON Lines), on capture time.")
        {
            captures, format, idle, active, linger, memory,
        };
        command.SetAction(r => Run(io, r.GetValue(captures)!, r.GetValue(format), new FlowTableOptions
        {
            IdleTimeout = TimeSpan.FromSeconds(r.GetValue(idle)),
            ActiveTimeout = TimeSpan.FromSeconds(r.GetValue(active)),
            CloseLinger = TimeSpan.FromSeconds(r.GetValue(linger)),
            MemoryBound = (long)r.GetValue(memory) << 20,
        }));
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

    private static int Run(CliIO io, string[] paths, OutputFormat format, FlowTableOptions options)
    {
        using var output = new Utf8LineWriter(io.Output, leaveOpen: true);
        var rows = new FlowRowWriter(output, format);
        var table = new FlowTable(rows, options);
        var exit = ExitCodes.Success;
        try
        {
            rows.WriteHeader();
            foreach (var path in paths)
            {
                using var reader = CaptureInput.TryOpen(path, io, "flows", out var openExit);
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
                    io.Error.WriteLine($"fennec flows: {e.Message}; the packets before it were counted, going on with the next capture.");
                    exit = Math.Max(exit, ExitCodes.DamagedInput);
                }
            }

            table.Flush();
        }
        catch (IOException)
        {
            return ExitCodes.Success; // the reader of our output went away
        }

        var s = table.Statistics;
        io.Error.WriteLine($"fennec flows: {s.Packets} packets, {s.Bytes} bytes, {s.FlowsCreated} flows, {s.RecordsEmitted} records " +
                           $"({s.ActiveTimeouts} active-timeout cuts, {s.Evicted} evicted), peak {s.PeakFlows} flows; " +
                           $"{s.TimeWentBack} packets earlier than the newest ({s.ClockResets} jumps back past the idle timeout), {s.Duplicates} duplicates.");
        return exit;
    }
}
