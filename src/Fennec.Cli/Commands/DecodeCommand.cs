using System.CommandLine;
using Fennec.Cli.Output;
using Fennec.Packets.Decoding;
using Fennec.Packets.Text;

namespace Fennec.Cli.Commands;

/// <summary><c>fennec decode</c>: one line per packet with its decoded headers.</summary>
internal static class DecodeCommand
{
    public static Command Create(CliIO io)
    {
        var capture = CommonOptions.Capture("A pcap or pcapng file, plain or gzip-compressed, or - for standard input.");
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
            capture, format, limit, count,
        };
        command.SetAction(r => Run(io, r.GetValue(capture)!, r.GetValue(format), r.GetValue(limit), r.GetValue(count)));
        return command;
    }

    private static int Run(CliIO io, string path, OutputFormat format, long? limit, bool countOnly)
    {
        using var reader = CaptureInput.TryOpen(path, io, "decode", out var exit);
        if (reader is null)
            return exit;

        var statistics = new DecodeStatistics();
        using var output = new Utf8LineWriter(io.Output, leaveOpen: true);
        var rows = new PacketRowWriter(output, format);
        var max = limit ?? long.MaxValue;
        try
        {
            if (!countOnly)
                rows.WriteHeader();
            var packet = default(DecodedPacket);
            while (statistics.Packets < max && reader.TryRead(out var record))
            {
                PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out packet);
                statistics.Add(packet);
                if (!countOnly)
                    rows.Write(packet);
            }
        }
        catch (Packets.Capture.CaptureFormatException e)
        {
            output.Flush();
            io.Error.WriteLine($"fennec decode: {e.Message}");
            io.Error.WriteLine($"fennec decode: {statistics.Packets} packets were decoded before the damage.");
            exit = ExitCodes.DamagedInput;
        }
        catch (IOException)
        {
            // The reader of our output went away (a closed pipe): nothing left to do.
            return ExitCodes.Success;
        }

        if (countOnly)
            Totals.Write(output, statistics);
        return exit;
    }
}
