using Fennec.Flows.Parallel;
using Fennec.Packets.Capture;
using Fennec.TestSupport;

namespace Fennec.Flows.Tests.Parallel;

/// <summary>The survey must leave out only stretches where no cut can be, and keep every one where one may be.</summary>
public sealed class CutSurveyTests : IDisposable
{
    private const long S = 1_000_000_000;
    private const long Quiet = 120 * S;
    private readonly List<string> _files = [];

    public void Dispose()
    {
        foreach (var f in _files)
            File.Delete(f);
    }

    private SeekablePcap Open(IEnumerable<TestFrame> frames)
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, CaptureFiles.Pcap(1, frames, nanoseconds: true));
        _files.Add(path);
        return SeekablePcap.TryOpen(path)!;
    }

    private static byte[] Frame(int i) =>
        Frames.Ethernet(0x0800, Frames.IPv4($"10.0.0.{(i % 200) + 1}", "10.9.0.1", 17, Frames.Udp((ushort)(1000 + (i % 500)), 53, new byte[150 + (i % 100)])));

    /// <summary>Offsets of the frames' records in a file written by <see cref="Open"/>.</summary>
    private static List<long> Offsets(SeekablePcap file)
    {
        using var reader = file.OpenAt(SeekablePcap.FirstRecordOffset);
        var offsets = new List<long>();
        while (reader.TryRead(out var record))
            offsets.Add(record.Offset);
        return offsets;
    }

    [Fact]
    public void A_steady_capture_leaves_only_the_stretch_after_the_last_sample()
    {
        using var file = Open(Enumerable.Range(0, 20_000).Select(i => new TestFrame(Frame(i), (1_000 * S) + (i * S / 100))));
        var survey = CutSurvey.Take(file, Quiet);

        survey.Stretches.Should().ContainSingle();
        survey.Stretches[0].End.Should().Be(long.MaxValue);
        survey.Stretches[0].Start.Should().BeGreaterThan(file.Length - (2 * SeekablePcap.SmallBufferBytes));
    }

    [Theory]
    [InlineData(0.2, false)]
    [InlineData(0.55, false)]
    [InlineData(0.8, true)]
    [InlineData(0.2, true)]
    public void A_silence_or_a_jump_back_lies_inside_a_stretch(double at, bool jumpBack)
    {
        const int count = 20_000;
        var cut = (int)(count * at);
        var frames = Enumerable.Range(0, count).Select(i =>
        {
            var t = (1_000_000 * S) + (i * S / 100);
            if (i >= cut)
                t += jumpBack ? -500_000 * S : 200 * S;
            return new TestFrame(Frame(i), t);
        }).ToList();
        using var file = Open(frames);
        var cutOffset = Offsets(file)[cut];

        var survey = CutSurvey.Take(file, Quiet);

        survey.Stretches.Should().Contain(s => s.Start < cutOffset && cutOffset <= s.End, "the cut's packet is in a stretch, up to its last record");
        survey.Stretches.Should().HaveCount(2, "the stretch around the cut and the one after the last sample");
        survey.Within(cutOffset, long.MaxValue).First().Start.Should().Be(cutOffset, "a stretch is clipped to the range asked for");
    }

    [Fact]
    public void A_capture_smaller_than_two_samples_is_one_stretch()
    {
        using var file = Open(Enumerable.Range(0, 50).Select(i => new TestFrame(Frame(i), (1_000 * S) + (i * S))));
        var survey = CutSurvey.Take(file, Quiet);

        survey.Stretches.Should().Equal([(SeekablePcap.FirstRecordOffset, long.MaxValue)]);
    }
}
