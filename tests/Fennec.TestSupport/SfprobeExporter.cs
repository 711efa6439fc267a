using System.Diagnostics;
using System.Globalization;

namespace Fennec.TestSupport;

/// <summary>
/// pmacctd (pmacct) with its sfprobe plugin, a real sFlow v5 agent, replaying a pcap file as sFlow to
/// 127.0.0.1:port. It samples one packet in <c>samplingRate</c> (every one at 1) and sends each sample's header.
/// sfprobe fills a datagram with samples before sending it, and the last, partly filled one of a file is never sent
/// (seen with pmacct 1.7.7: not after 12 s of waiting, nor on SIGINT; the last 7 packets of a 586-packet capture went
/// missing), so the capture is replayed with filler packets appended (<see cref="FillerSource"/>, left out of the
/// counts) that push every sample of the capture out. <see cref="Stop"/> sends SIGINT by pid; <see cref="Dispose"/> kills
/// what is left and removes the working folder.
/// </summary>
public sealed class SfprobeExporter : IDisposable
{
    /// <summary>The source address of the filler packets (TEST-NET-2, in no capture of the corpus).</summary>
    public const string FillerSource = "198.51.100.1";

    /// <summary>Filler packets per unit of sampling rate: far more samples than one datagram holds.</summary>
    private const int FillersPerRate = 64;

    private readonly PeerProcess _process;

    private SfprobeExporter(PeerProcess process) => _process = process;

    /// <summary>What pmacctd printed so far.</summary>
    public string Output => _process.Output;

    /// <summary>Starts pmacctd replaying <paramref name="pcap"/> (Ethernet pcap) to 127.0.0.1:<paramref name="port"/>.</summary>
    public static SfprobeExporter Start(string pcap, int port, uint samplingRate, string agent = "192.0.2.7")
    {
        var pmacctd = ExternalTools.Require("pmacctd", "pmacct");
        var folder = Directory.CreateTempSubdirectory("fennec-sfprobe-").FullName;
        var replayed = Path.Combine(folder, "replayed.pcap");
        var filler = Frames.Ethernet(0x0800, Frames.IPv4(FillerSource, "198.51.100.2", 17, Frames.Udp(9, 9, new byte[18])));
        CaptureFiles.AppendToPcap(pcap, Enumerable.Repeat(filler, FillersPerRate * (int)samplingRate).ToArray(), replayed);
        var config = Path.Combine(folder, "pmacctd.conf");
        // pcap_savefile_wait keeps the core up after the file, so SIGINT (not the end of the file) ends the run.
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $"""
            daemonize: false
            pcap_savefile: {replayed}
            pcap_savefile_wait: true
            plugins: sfprobe
            sfprobe_receiver: 127.0.0.1:{port}
            sfprobe_agentip: {agent}
            sampling_rate: {samplingRate}

            """));
        return new SfprobeExporter(new PeerProcess(pmacctd, ["-f", config], folder));
    }

    /// <summary>Waits until pmacctd has read the whole file; throws with its output if it exits or takes too long.</summary>
    public void WaitUntilRead(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Output.Contains("finished reading PCAP capture file", StringComparison.Ordinal))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"pmacctd exited ({_process.ExitCode}) before reading the capture:\n{Output}");
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"pmacctd did not finish reading the capture in {timeout.TotalSeconds} s:\n{Output}");
            Thread.Sleep(50);
        }
    }

    /// <summary>Asks pmacctd to finish (SIGINT, which it passes on to its plugin) and waits for it to exit.</summary>
    public void Stop() => _process.Stop(Signals.Interrupt);

    /// <inheritdoc />
    public void Dispose() => _process.Dispose();
}
