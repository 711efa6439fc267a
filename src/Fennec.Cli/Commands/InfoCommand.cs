using System.CommandLine;
using System.Globalization;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;

namespace Fennec.Cli.Commands;

/// <summary><c>fennec info</c>: a capinfos-like summary of a capture.</summary>
internal static class InfoCommand
{
    public static Command Create(CliIO io)
    {
        var capture = CommonOptions.Capture("A pcap or pcapng file, plain or gzip-compressed, or - for standard input.");
        var command = new Command("info", "Summarise a capture: format, link types, packets, bytes, time span, decode outcomes.")
        {
            capture,
        };
        command.SetAction(r => Run(io, r.GetValue(capture)!));
        return command;
    }

    private static int Run(CliIO io, string path)
    {
        using var reader = CaptureInput.TryOpen(path, io, "info", out var exit);
        if (reader is null)
            return exit;

        var statistics = new DecodeStatistics();
        string? damage = null;
        try
        {
            while (reader.TryRead(out var record))
            {
                PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var packet);
                statistics.Add(packet);
            }
        }
        catch (CaptureFormatException e)
        {
            damage = e.Message;
            exit = ExitCodes.DamagedInput;
        }

        var o = io.OutputText;
        o.WriteLine($"File:              {reader.SourceName}");
        o.WriteLine($"Format:            {FormatName(reader)}");
        o.WriteLine($"Interfaces:        {reader.Interfaces.Count}");
        foreach (var (iface, i) in reader.Interfaces.Select((x, i) => (x, i)))
        {
            var name = iface.Name is null ? "" : $" {iface.Name}";
            o.WriteLine($"  [{i}]{name} link type {LinkName(iface.LinkType)}, snaplen {iface.SnapLength}, " +
                        $"{iface.Timestamp.UnitsPerSecond} ticks/s{(iface.Timestamp.OffsetSeconds != 0 ? $", offset {iface.Timestamp.OffsetSeconds} s" : "")}");
        }

        o.WriteLine($"Link types:        {string.Join(", ", statistics.LinkTypes.Select(l => $"{LinkName(l.Key)} ({l.Value})"))}");
        o.WriteLine($"Packets:           {statistics.Packets}");
        o.WriteLine($"Captured bytes:    {statistics.CapturedBytes}");
        o.WriteLine($"Wire bytes:        {statistics.WireBytes}");
        if (statistics.Packets > 0)
        {
            var seconds = (statistics.LastNs - statistics.FirstNs) / 1e9;
            o.WriteLine($"First packet:      {Time(statistics.FirstNs)}");
            o.WriteLine($"Last packet:       {Time(statistics.LastNs)}");
            o.WriteLine($"Duration:          {seconds.ToString("F6", CultureInfo.InvariantCulture)} s");
            if (statistics.OutOfOrder > 0)
                o.WriteLine($"Out of order:      {statistics.OutOfOrder} packets earlier than the one before");
        }

        o.WriteLine($"IPv4 / IPv6:       {statistics.IPv4Packets} / {statistics.IPv6Packets}");
        o.WriteLine($"Tunnelled:         {statistics.TunnelledPackets}");
        o.WriteLine("Decode outcomes:");
        foreach (var (status, layer, count) in statistics.Outcomes())
            o.WriteLine($"  {StatusText.Of(status, layer),-24} {count}");
        if (reader.SkippedBlocks > 0)
            o.WriteLine($"Skipped blocks:    {reader.SkippedBlocks} (no packet data or unknown type)");
        if (damage is not null)
        {
            o.WriteLine($"Damage:            {damage}");
            io.Error.WriteLine($"fennec info: {damage}");
        }

        return exit;
    }

    private static string FormatName(CaptureReader reader)
    {
        var name = reader.Format switch
        {
            CaptureFormat.Pcap => "pcap (microsecond timestamps)",
            CaptureFormat.PcapNanosecond => "pcap (nanosecond timestamps)",
            CaptureFormat.PcapModified => "pcap (modified, Kuznetzov)",
            _ => "pcapng",
        };
        return reader.Compressed ? name + ", gzip-compressed" : name;
    }

    private static string LinkName(LinkType link) =>
        Enum.IsDefined(link) ? $"{link} ({(int)link})" : $"unknown ({(int)link})";

    private static string Time(long ns)
    {
        var time = DateTimeOffset.UnixEpoch.AddTicks(ns / 100);
        return $"{time:yyyy-MM-dd HH:mm:ss}.{ns % 1_000_000_000:D9} UTC";
    }
}
