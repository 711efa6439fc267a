using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Fennec.Packets.Live;

namespace Fennec.Cli.Commands;

/// <summary>
/// <c>fennec decode --interface</c>: decodes frames from a live capture until the limit, the duration, Ctrl+C or
/// SIGTERM, then prints libpcap's received and dropped counts on standard error.
/// </summary>
internal static class LiveDecode
{
    // Rows reach the output at least this often (in capture time) while packets trickle in.
    private const long FlushIntervalNs = 200_000_000;

    public static int Run(CliIO io, string device, LiveCaptureOptions options, double? seconds, DecodeSink sink)
    {
        LiveCapture capture;
        try
        {
            capture = LiveCapture.Open(device, options);
        }
        catch (LiveCaptureException e)
        {
            io.Error.WriteLine($"fennec decode: {e.Message}");
            return ExitCodes.LiveCaptureFailed;
        }

        using (capture)
        using (var stop = new CancellationTokenSource())
        {
            // Every way of stopping goes through the token, which wakes a read that is waiting for packets.
            using var wake = stop.Token.Register(capture.Break);
            if (seconds is { } s)
                stop.CancelAfter(TimeSpan.FromSeconds(s));
            ConsoleCancelEventHandler onCtrlC = (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            Console.CancelKeyPress += onCtrlC;
            using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true;
                stop.Cancel();
            });

            if (capture.ActivationWarning is { } warning)
                io.Error.WriteLine($"fennec decode: {device}: {warning}");
            var clock = Stopwatch.StartNew();
            var exit = ExitCodes.Success;
            try
            {
                Capture(capture, sink, stop.Token);
            }
            catch (LiveCaptureException e)
            {
                sink.Flush();
                io.Error.WriteLine($"fennec decode: {e.Message}");
                exit = ExitCodes.LiveCaptureFailed;
            }
            catch (IOException)
            {
                // The reader of our output went away (a closed pipe): nothing left to do.
                return ExitCodes.Success;
            }
            finally
            {
                Console.CancelKeyPress -= onCtrlC;
            }

            io.Error.WriteLine(Summary(capture, sink, clock.Elapsed));
            return exit;
        }
    }

    private static void Capture(LiveCapture capture, DecodeSink sink, CancellationToken stop)
    {
        sink.Begin();
        var lastFlushNs = 0L;
        while (!stop.IsCancellationRequested && !sink.IsDone)
        {
            if (!capture.TryRead(out var record))
            {
                // Idle: show what was decoded so far rather than holding it in the buffer.
                sink.Flush();
                continue;
            }

            sink.Add(record);
            if (record.TimestampNs - lastFlushNs >= FlushIntervalNs)
            {
                sink.Flush();
                lastFlushNs = record.TimestampNs;
            }
        }

        sink.Finish();
        sink.Flush();
    }

    private static string Summary(LiveCapture capture, DecodeSink sink, TimeSpan elapsed)
    {
        var head = string.Create(CultureInfo.InvariantCulture,
            $"fennec decode: {capture.Device}: {sink.Statistics.Packets} packets decoded in {elapsed.TotalSeconds:F1} s");
        try
        {
            var stats = capture.Stats;
            return string.Create(CultureInfo.InvariantCulture,
                $"{head}; libpcap received {stats.Received}, dropped {stats.Dropped}, interface dropped {stats.InterfaceDropped}");
        }
        catch (LiveCaptureException e)
        {
            return $"{head}; no libpcap counters ({e.Message})";
        }
    }
}
