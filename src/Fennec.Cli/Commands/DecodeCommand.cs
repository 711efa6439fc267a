using System.CommandLine;
using Fennec.Cli.Output;
using Fennec.Packets.Capture;
using Fennec.Packets.Live;

namespace Fennec.Cli.Commands;

/// <summary><c>fennec decode</c>: one line per packet with its decoded headers, from a capture file or an interface.</summary>
internal static class DecodeCommand
{
    public static Command Create(CliIO io)
    {
        var capture = CommonOptions.Capture(
            "A pcap or pcapng file, plain or gzip-compressed, or - for standard input (or use --interface).", optional: true);
        var device = new Option<string?>("--interface", "-i")
        {
            Description = "Capture live from this network interface (eth0, lo, any) instead of reading a file; " +
                          "needs root or CAP_NET_RAW and CAP_NET_ADMIN. Ctrl+C stops it.",
        };
        var filter = new Option<string?>("--filter")
        {
            Description = "Live capture only: a BPF filter in tcpdump syntax (e.g. \"udp port 53\"), applied in the kernel.",
        };
        var duration = new Option<double?>("--duration")
        {
            Description = "Stop after this many seconds: of capture time for a file, of wall-clock time for live capture.",
        };
        duration.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is <= 0 or double.NaN or double.PositiveInfinity)
                r.AddError("--duration must be a positive number of seconds.");
        });
        var format = CommonOptions.Format();
        var limit = new Option<long?>("--limit", "-n") { Description = "Stop after this many packets." };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is < 0)
                r.AddError("--limit must be zero or more.");
        });
        var count = new Option<bool>("--count")
        {
            Description = "Decode every packet but print only totals (packets, bytes, outcomes); for benchmarks.",
        };
        var command = new Command("decode", "Decode packet headers: one CSV or JSON line per packet.")
        {
            capture, device, filter, duration, format, limit, count,
        };
        command.Validators.Add(r =>
        {
            var fromFile = r.GetValue(capture) is not null;
            var live = r.GetValue(device) is not null;
            if (fromFile && live)
                r.AddError("decode reads a capture file or an --interface, not both.");
            else if (!fromFile && !live)
                r.AddError("decode needs a capture file (or - for standard input) or --interface.");
            else if (fromFile && r.GetValue(filter) is not null)
                r.AddError("--filter applies to live capture (--interface) only.");
        });
        command.SetAction(r =>
        {
            var seconds = r.GetValue(duration);
            var live = r.GetValue(device);

            // A file's run is bounded by the capture time it spans, a live run by the wall clock.
            var spanNs = live is null && seconds is { } s ? (long)Math.Ceiling(s * 1e9) : 0;
            using var sink = new DecodeSink(io.Output, r.GetValue(format), r.GetValue(limit), spanNs, r.GetValue(count));
            return live is null
                ? Run(io, r.GetValue(capture)!, sink)
                : LiveDecode.Run(io, live, new LiveCaptureOptions { Filter = r.GetValue(filter) }, seconds, sink);
        });
        return command;
    }

    private static int Run(CliIO io, string path, DecodeSink sink)
    {
        using var reader = CaptureInput.TryOpen(path, io, "decode", out var exit);
        if (reader is null)
            return exit;

        try
        {
            sink.Begin();
            while (!sink.IsDone && reader.TryRead(out var record))
                sink.Add(record);
        }
        catch (CaptureFormatException e)
        {
            sink.Flush();
            io.Error.WriteLine($"fennec decode: {e.Message}");
            io.Error.WriteLine($"fennec decode: {sink.Statistics.Packets} packets were decoded before the damage.");
            exit = ExitCodes.DamagedInput;
        }
        catch (IOException)
        {
            // The reader of our output went away (a closed pipe): nothing left to do.
            return ExitCodes.Success;
        }

        sink.Finish();
        return exit;
    }
}
