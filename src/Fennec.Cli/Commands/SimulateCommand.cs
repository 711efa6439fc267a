using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fennec.Simulation;
using Fennec.Simulation.Attacks;
using Fennec.Simulation.Network;
using Fennec.Simulation.Output;

namespace Fennec.Cli.Commands;

/// <summary><c>fennec simulate</c>: a deterministic multi-day capture of a small site with injected attacks and their labels.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliIO io)
    {
        var defaults = new SimulationOptions();
        var hours = Bounded("--hours", "Hours of capture time.", defaults.Hours, 1, SimulationOptions.MaxHours);
        var hosts = Bounded("--hosts", "Inside hosts: a DNS resolver, a file, a web and an SSH server, and workstations.", defaults.Hosts,
            SimulationOptions.MinHosts, SimulationOptions.MaxHosts);
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed: the same seed and options give the same capture, byte for byte.",
            DefaultValueFactory = _ => defaults.Seed,
        };
        var attacks = new Option<string>("--attacks")
        {
            Description = $"Attacks to inject, comma-separated: {string.Join(", ", AttackKinds.ValidNames)} " +
                          $"(all = {string.Join(",", AttackKinds.Default.Select(AttackKinds.Name))}).",
            DefaultValueFactory = _ => "all",
        };
        attacks.Validators.Add(r =>
        {
            if (!AttackKinds.TryParseList(r.GetValueOrDefault<string>() ?? "", out _, out var error))
                r.AddError($"--attacks: {error}");
        });
        var start = new Option<string>("--start")
        {
            Description = "Start of the capture, ISO-8601 (UTC unless an offset is given). Default 2026-01-05T00:00:00Z, a Monday.",
            DefaultValueFactory = _ => defaults.Start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        start.Validators.Add(r =>
        {
            if (!TryParseStart(r.GetValueOrDefault<string>() ?? "", out _))
                r.AddError($"--start: '{r.GetValueOrDefault<string>()}' is not an ISO-8601 time such as 2026-01-05T00:00:00Z.");
        });
        var intensity = new Option<double>("--intensity")
        {
            Description = "Multiplies the normal traffic's session rates (attacks keep their size).",
            DefaultValueFactory = _ => defaults.Intensity,
        };
        intensity.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<double>();
            if (!double.IsFinite(value) || value <= 0 || value > 1000)
                r.AddError("--intensity must be a positive number up to 1000.");
        });
        var snaplen = new Option<int>("--snaplen")
        {
            Description = "Cut frames to this many bytes in the file (0: whole frames).",
            DefaultValueFactory = _ => 0,
        };
        snaplen.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or (> 0 and < 64))
                r.AddError("--snaplen must be 0 (whole frames) or at least 64 bytes.");
        });
        var nanoseconds = new Option<bool>("--nanoseconds") { Description = "Write nanosecond timestamps (pcap magic a1b23c4d)." };
        var output = new Option<string>("--out", "-o") { Description = "The pcap file to write.", Required = true };
        var labels = new Option<string?>("--labels") { Description = "Write the ground truth here as CSV: one row per injected attack." };
        var command = new Command("simulate",
            "Write a realistic multi-day capture of a small site (DNS, HTTPS, NTP, SMB-like file traffic, a public web server, SSH; " +
            "a daily rhythm) with injected attacks and a label file; deterministic for a seed.")
        {
            hours, hosts, seed, attacks, start, intensity, snaplen, nanoseconds, output, labels,
        };
        command.SetAction(r =>
        {
            AttackKinds.TryParseList(r.GetValue(attacks)!, out var kinds, out _);
            TryParseStart(r.GetValue(start)!, out var startTime);
            var options = new SimulationOptions
            {
                Hours = r.GetValue(hours),
                Hosts = r.GetValue(hosts),
                Seed = r.GetValue(seed),
                Attacks = kinds,
                Start = startTime,
                Intensity = r.GetValue(intensity),
                SnapLength = r.GetValue(snaplen),
                Nanoseconds = r.GetValue(nanoseconds),
            };
            return Run(io, options, r.GetValue(output)!, r.GetValue(labels));
        });
        return command;
    }

    private static int Run(CliIO io, SimulationOptions options, string outputPath, string? labelsPath)
    {
        if (options.Validate() is { } problem)
        {
            io.Error.WriteLine($"fennec simulate: {problem}.");
            return ExitCodes.Usage;
        }

        var simulator = new TrafficSimulator(options);
        var clock = Stopwatch.StartNew();
        SimulationResult result;
        var stage = outputPath;
        try
        {
            // Both files are opened first, so that a bad label path fails before hours of work, not after.
            using var file = new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
            stage = labelsPath ?? outputPath;
            using var labelFile = labelsPath is null ? null : new StreamWriter(labelsPath, append: false, new UTF8Encoding(false));
            stage = outputPath;
            result = simulator.Run(file);
            if (labelFile is not null)
            {
                stage = labelsPath!;
                using var labelWriter = new AttackLabelWriter(labelFile, leaveOpen: true);
                labelWriter.WriteAll(result.Labels);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"fennec simulate: cannot write {stage}: {e.Message}");
            return ExitCodes.CannotOpen;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        foreach (var label in result.Labels)
        {
            io.Error.WriteLine($"fennec simulate: {AttackKinds.Name(label.Kind),-12} {label.Start:yyyy-MM-dd HH:mm:ss}Z to {label.End:HH:mm:ss}Z, " +
                               $"{label.Packets} packets: {label.Description}");
        }

        io.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fennec simulate: {result.Packets} packets, {result.Bytes} bytes, {options.Hours} h of {options.Hosts} hosts in {SimulatedNetwork.HomeNetwork}, " +
            $"{result.Labels.Count} attacks; {seconds:0.00} s, {result.Bytes / 1e6 / Math.Max(seconds, 1e-9):0} MB/s."));
        return ExitCodes.Success;
    }

    private static Option<int> Bounded(string name, string description, int defaultValue, int min, int max)
    {
        var option = new Option<int>(name) { Description = $"{description} Default {defaultValue}.", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<int>();
            if (value < min || value > max)
                r.AddError($"{name} must be between {min} and {max} (got {value}).");
        });
        return option;
    }

    private static bool TryParseStart(string text, out DateTimeOffset start) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out start);
}
