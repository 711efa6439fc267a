using Fennec.Cli.Analyze;
using Fennec.Packets.Capture;

namespace Fennec.Cli.Tests.Analyze;

/// <summary>The quick read before an analysis: packets per minute (which size Kitsune's grace periods) and the last time.</summary>
public sealed class CaptureSurveyTests : IDisposable
{
    private const long Minute = CaptureSurvey.MinuteNs;
    private static readonly long Start = 1_767_571_200L * 1_000_000_000; // 2026-01-05 00:00 UTC, a minute boundary

    // Minutes are counted by their number since the epoch.
    private static readonly long First = Start / Minute;
    private readonly string _folder = Directory.CreateTempSubdirectory("fennec-survey-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Packets_are_counted_per_minute_across_files_that_go_back_in_time()
    {
        // The second file starts in a minute the first already counted, and the first goes back once inside itself.
        var first = Write("a.pcap", [Start, Start + 1, Start + Minute + 5, Start + 2, Start + (3 * Minute)]);
        var second = Write("b.pcap", [Start + Minute, Start + Minute + 1, Start + (5 * Minute) + 9]);

        var survey = CaptureInputs.Survey([new CaptureInput(first, Start), new CaptureInput(second, Start + Minute)]);

        survey.PacketsPerMinute.Should().Equal(new Dictionary<long, long>
        {
            [First] = 3,
            [First + 1] = 3,
            [First + 3] = 1,
            [First + 5] = 1,
        });
        survey.LastNs.Should().Be(Start + (5 * Minute) + 9);
        survey.PacketsBefore(Start + (2 * Minute)).Should().Be(6);
        survey.PacketsBefore(Start + (6 * Minute)).Should().Be(8);
    }

    [Fact]
    public void A_truncated_file_counts_the_packets_before_the_damage()
    {
        var path = Write("cut.pcap", [Start, Start + Minute, Start + Minute + 1]);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^10]);

        var survey = CaptureInputs.Survey([new CaptureInput(path, Start)]);

        survey.PacketsPerMinute.Should().Equal(new Dictionary<long, long> { [First] = 1, [First + 1] = 1 });
        survey.LastNs.Should().Be(Start + Minute);
    }

    private string Write(string name, long[] times)
    {
        var path = Path.Combine(_folder, name);
        using var stream = File.Create(path);
        using var writer = new PcapWriter(stream, nanoseconds: true);
        var frame = new byte[60];
        foreach (var t in times)
            writer.Write(t, frame);
        return path;
    }
}
