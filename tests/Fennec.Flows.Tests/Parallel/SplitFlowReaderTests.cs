using Fennec.Flows.Assembly;
using Fennec.Flows.Parallel;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;
using Fennec.Flows.Tests.Assembly;
using Fennec.TestSupport;

namespace Fennec.Flows.Tests.Parallel;

/// <summary>A file read as parts on several threads must give one table's records, in one table's order.</summary>
public sealed class SplitFlowReaderTests : IDisposable
{
    private const long S = 1_000_000_000;
    private static readonly FlowTableOptions Options = new() { IdleTimeout = TimeSpan.FromSeconds(120), ActiveTimeout = TimeSpan.FromSeconds(600) };
    private readonly List<string> _files = [];

    public void Dispose()
    {
        foreach (var f in _files)
            File.Delete(f);
    }

    private string Write(IEnumerable<TestFrame> frames)
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, CaptureFiles.Pcap(1, frames, nanoseconds: true));
        _files.Add(path);
        return path;
    }

    private static byte[] Udp(int client, int server, int payload) =>
        Frames.Ethernet(0x0800, Frames.IPv4($"10.0.{client / 200}.{(client % 200) + 1}", $"10.9.0.{server + 1}", 17,
            Frames.Udp((ushort)(1000 + client), 53, new byte[payload])));

    private static byte[] Tcp(int client, byte flags, int payload) =>
        Frames.Ethernet(0x0800, Frames.IPv4($"10.1.0.{client + 1}", "10.9.1.1", 6, Frames.Tcp((ushort)(2000 + client), 443, flags, new byte[payload])));

    /// <summary>One table reading the file front to back: the records in order, and its counters.</summary>
    private static (List<string> Records, FlowTableStatistics Statistics, string? Damage) Sequential(string path)
    {
        var sink = new RecordingSink();
        using var table = new FlowTable(sink, Options);
        string? damage = null;
        using (var reader = CaptureReader.Open(path))
        {
            try
            {
                while (reader.TryRead(out var record))
                {
                    PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var p);
                    table.Add(p);
                }
            }
            catch (CaptureFormatException e)
            {
                damage = e.Message;
            }
        }

        table.Flush();
        return (sink.Records.Select(RecordingSink.Describe).ToList(), table.Statistics, damage);
    }

    /// <summary>Reads the file as parts on threads; <paramref name="shrinking"/>: parts sized for those threads, else all alike.</summary>
    private static (List<string> Records, SplitResult Result, int Parts) Split(string path, int parts, int threads, bool shrinking = false)
    {
        using var file = SeekablePcap.TryOpen(path);
        file.Should().NotBeNull();
        var plan = SplitFlowReader.TryPlan(file!, parts, Options, shrinking ? threads : 0);
        plan.Should().NotBeNull("the capture has places where one table holds no flow");
        var sinks = Enumerable.Range(0, plan!.Parts).Select(_ => new RecordingSink()).ToArray();
        var result = plan.Read(threads, k => sinks[k]);
        return (result.KeptParts.SelectMany(k => sinks[k].Records).Select(RecordingSink.Describe).ToList(), result, plan.PartsWithStart);
    }

    private static void CountersMatch(FlowTableStatistics split, FlowTableStatistics one)
    {
        split.Packets.Should().Be(one.Packets);
        split.Bytes.Should().Be(one.Bytes);
        split.FlowsCreated.Should().Be(one.FlowsCreated);
        split.RecordsEmitted.Should().Be(one.RecordsEmitted);
        split.ActiveTimeouts.Should().Be(one.ActiveTimeouts);
        split.TimeWentBack.Should().Be(one.TimeWentBack);
        split.ClockResets.Should().Be(one.ClockResets);
        split.Duplicates.Should().Be(one.Duplicates);
        split.PeakFlows.Should().Be(one.PeakFlows);
    }

    /// <summary>
    /// Captures concatenated one after another (the clock jumps back), and inside them silences longer than the idle
    /// timeout, with flows open across the nominal boundaries, TCP closes, jitter and duplicates.
    /// </summary>
    private static List<TestFrame> Concatenated(int seed)
    {
        var random = new Random(seed);
        var frames = new List<TestFrame>();
        for (var capture = 0; capture < 6; capture++)
        {
            var t = (1_000_000 + (random.Next(0, 5) * 100_000L)) * S; // each capture starts at a time of its own
            for (var i = 0; i < 3_000; i++)
            {
                t += random.Next(0, 50_000_000);
                if (i == 1_500)
                    t += 200 * S; // a silence longer than the idle timeout
                var jitter = random.Next(20) == 0 ? -random.Next(1, 5_000_000) : 0;
                var frame = random.Next(3) switch
                {
                    0 => Tcp(random.Next(8), random.Next(40) == 0 ? (byte)0x01 : random.Next(40) == 0 ? (byte)0x02 : (byte)0x10, random.Next(200)),
                    _ => Udp(random.Next(300), random.Next(3), random.Next(300)),
                };
                frames.Add(new TestFrame(frame, t + jitter));
                if (random.Next(100) == 0)
                    frames.Add(new TestFrame(frame, t + jitter)); // a duplicate
            }
        }

        return frames;
    }

    [Fact]
    public void Parts_shrink_round_by_round_so_the_last_ones_taken_are_short()
    {
        var first = SeekablePcap.FirstRecordOffset;
        // Ten parts for two threads: rounds of two weighing 5, 4, 3, 2 and 1 (30 in all).
        var starts = SplitFlowReader.NominalStarts(3_000_000, 10, 2);
        var sizes = starts.Append(first + 3_000_000).Zip(starts.Prepend(first), (end, start) => end - start).ToArray();
        sizes.Should().Equal(500_000, 500_000, 400_000, 400_000, 300_000, 300_000, 200_000, 200_000, 100_000, 100_000);

        // As many threads as parts: one round, all the same size; a last round short of threads keeps its weight.
        SplitFlowReader.NominalStarts(600, 6, 6).Should().Equal(first + 100, first + 200, first + 300, first + 400, first + 500);
        SplitFlowReader.NominalStarts(1_100, 5, 2).Should().Equal(first + 300, first + 600, first + 800, first + 1_000);

        // Offsets stay in order and inside the file for sizes where a product of size and weight overflows a long.
        var large = SplitFlowReader.NominalStarts(long.MaxValue / 4, 64, 3);
        large.Should().BeInAscendingOrder().And.OnlyContain(x => x > first && x < long.MaxValue / 4);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(8, 2)]
    [InlineData(12, 3)]
    [InlineData(10, 2, true)]
    [InlineData(12, 3, true)]
    public void Parts_give_one_tables_records_in_its_order(int parts, int threads, bool shrinking = false)
    {
        var path = Write(Concatenated(parts));
        var one = Sequential(path);
        var (records, result, planned) = Split(path, parts, threads, shrinking);

        planned.Should().BeGreaterThan(1);
        result.KeptParts.Should().HaveCount(planned, "every cut here is one where one table is empty");
        records.Should().Equal(one.Records);
        CountersMatch(result.Statistics, one.Statistics);
        result.Damage.Should().BeNull();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_sink_that_fails_fails_the_read_and_the_other_parts_go_on(int threads)
    {
        var path = Write(Concatenated(8));
        using var file = SeekablePcap.TryOpen(path);
        var plan = SplitFlowReader.TryPlan(file!, 8, Options)!;
        var finished = new System.Collections.Concurrent.ConcurrentBag<int>();

        // The failing part's table still holds flows; the thread that read it must not start that table over.
        var act = () => plan.Read(threads, k => k == 1 ? new FailingSink() : new RecordingSink(), (k, _) => finished.Add(k));

        act.Should().Throw<IOException>().WithMessage("the disk is full");
        finished.Should().BeEquivalentTo(Enumerable.Range(0, plan.Parts));
    }

    [Fact]
    public void A_listener_that_fails_on_another_thread_fails_the_read()
    {
        var path = Write(Concatenated(8));
        using var file = SeekablePcap.TryOpen(path);
        var plan = SplitFlowReader.TryPlan(file!, 8, Options)!;
        var caller = Environment.CurrentManagedThreadId;
        using var heard = new ManualResetEventSlim();

        // The calling thread waits at its first part until the other thread has failed, so the failure is the other's.
        var act = () => plan.Read(2, _ => new RecordingSink(), (k, _) =>
        {
            if (Environment.CurrentManagedThreadId == caller)
            {
                heard.Wait(TimeSpan.FromSeconds(30));
                return;
            }

            heard.Set();
            throw new IOException($"the output went away at part {k}");
        });

        act.Should().Throw<IOException>().WithMessage("the output went away at part *");
        heard.IsSet.Should().BeTrue();
    }

    private sealed class FailingSink : IFlowSink
    {
        public void OnFlow(in FlowRecord record) => throw new IOException("the disk is full");
    }

    [Fact]
    public void A_cut_the_part_before_cannot_confirm_is_read_through_and_its_part_discarded()
    {
        // Before the middle: flows, then a packet 100 s ahead in time. After it: packets earlier than that one (time
        // going back, less than the idle timeout), a silence longer than the idle timeout as seen from them, then
        // more. Judged from after the middle that silence is a cut; one table still holds the packet ahead's flow
        // there, so it is not.
        var before = Enumerable.Range(0, 400).Select(i => new TestFrame(Udp(i % 50, 0, 100), (1_000 * S) + (i * S / 10))).ToList();
        var ahead = new TestFrame(Udp(7, 1, 1400), 1_150 * S);
        var after = Enumerable.Range(0, 20).Select(i => new TestFrame(Udp(i, 2, 100), (1_050 * S) + (i * S))).ToList();
        var rest = new List<TestFrame>();
        for (var i = 0; ; i++)
        {
            rest.Add(new TestFrame(Udp(i % 50, 1, 100), (1_250 * S) + (i * S / 10)));
            long Bytes(IEnumerable<TestFrame> fs) => fs.Sum(f => 16L + f.Data.Length);
            var a = Bytes(before) + Bytes([ahead]);
            var b = Bytes(after) + Bytes(rest);
            if (b > a - 16 - ahead.Data.Length)
                break; // the middle now falls inside the packet ahead, so the search starts just after it
        }

        var path = Write([.. before, ahead, .. after, .. rest]);
        var one = Sequential(path);
        var (records, result, planned) = Split(path, 2, 2);

        planned.Should().Be(2);
        result.KeptParts.Should().Equal([0], "the first part read through the cut it could not confirm");
        records.Should().Equal(one.Records);
        CountersMatch(result.Statistics, one.Statistics);
    }

    [Fact]
    public void Damage_stops_reading_where_one_reader_stops()
    {
        var whole = File.ReadAllBytes(Write(Concatenated(5)));
        var path = Write([]);
        File.WriteAllBytes(path, whole[..^7]);
        var one = Sequential(path);
        var (records, result, _) = Split(path, 4, 2);

        one.Damage.Should().NotBeNull();
        result.Damage!.Message.Should().Be(one.Damage);
        records.Should().Equal(one.Records);
        CountersMatch(result.Statistics, one.Statistics);
    }

    [Theory]
    [InlineData(0.3, 4)]
    [InlineData(0.45, 4)]
    [InlineData(0.45, 6)]
    [InlineData(0.9, 3)]
    public void A_single_join_past_the_first_part_is_cut_at_however_many_parts(double at, int parts)
    {
        // Two captures, the second earlier in time, joined well away from every part's nominal start: only the survey
        // of the file's times says where to look (a join at 0.45 of four parts is 5 MB from the nearest start).
        const int count = 48_000;
        var join = (int)(count * at);
        var frames = Enumerable.Range(0, count).Select(i =>
        {
            var t = (i < join ? 2_000_000 * S : 1_000_000 * S) + (i * S / 50);
            return new TestFrame(Udp(i % 300, i % 3, 100 + (i % 200)), t);
        }).ToList();
        var path = Write(frames);
        var one = Sequential(path);
        var (records, result, planned) = Split(path, parts, 2);

        planned.Should().Be(2, "the join is the only cut");
        result.KeptParts.Should().HaveCount(2);
        records.Should().Equal(one.Records);
        CountersMatch(result.Statistics, one.Statistics);
    }

    [Fact]
    public void A_capture_with_no_place_to_cut_is_left_to_other_readers()
    {
        var steady = Enumerable.Range(0, 5_000).Select(i => new TestFrame(Udp(i % 30, 0, 200), (1_000 * S) + (i * S / 100)));
        using var file = SeekablePcap.TryOpen(Write(steady));
        SplitFlowReader.TryPlan(file!, 4, Options).Should().BeNull();
    }
}
