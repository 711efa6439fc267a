using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;

namespace Fennec.Packets.Tests.Robustness;

/// <summary>
/// Bounded mutation fuzzing: truncations, random bytes and wrong length fields. The decoder and the readers must
/// give a status or a <see cref="CaptureFormatException"/>, never another exception, never a hang.
/// </summary>
public class MutationFuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly LinkType[] Links = Enum.GetValues<LinkType>();

    private static void WithinSeconds(int seconds, Action action)
    {
        var task = Task.Run(action);
        task.Wait(TimeSpan.FromSeconds(seconds)).Should().BeTrue($"the work must finish within {seconds} s (a hang is a defect)");
        task.GetAwaiter().GetResult();
    }

    internal static byte[] Mutate(byte[] seed, Random random)
    {
        var frame = (byte[])seed.Clone();
        switch (random.Next(5))
        {
            case 0:
                return frame[..random.Next(frame.Length + 1)];
            case 1:
                for (var i = random.Next(1, 9); i > 0; i--)
                    frame[random.Next(frame.Length)] = (byte)random.Next(256);
                return frame;
            case 2:
            {
                // Length-like fields: extreme values at a random even offset.
                var at = random.Next(frame.Length - 1) & ~1;
                var value = random.Next(3) switch { 0 => 0, 1 => 0xFFFF, _ => random.Next(65536) };
                frame[at] = (byte)(value >> 8);
                frame[at + 1] = (byte)value;
                return frame;
            }

            case 3:
            {
                var cut = random.Next(frame.Length);
                return [.. frame[..cut], .. Enumerable.Range(0, random.Next(1, 16)).Select(_ => (byte)random.Next(256)), .. frame[cut..]];
            }

            default:
            {
                var random2 = new byte[random.Next(0, 96)];
                random.NextBytes(random2);
                return random2;
            }
        }
    }

    [Fact]
    public void Decoder_survives_a_million_mutated_frames()
    {
        var seeds = SeedFrames.All();
        var random = new Random(20261122);
        long complete = 0, truncated = 0, malformed = 0;
        WithinSeconds(120, () =>
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                var (seed, link) = seeds[i % seeds.Count];
                var frame = Mutate(seed, random);
                if (i % 7 == 0)
                    link = Links[random.Next(Links.Length)];
                PacketDecoder.Decode(frame, link, i, frame.Length, 0, out var p);

                p.PayloadOffset.Should().BeInRange(0, frame.Length);
                if (p.PayloadLength < 0 || p.TunnelDepth > PacketDecoder.MaxTunnelDepth || !Enum.IsDefined(p.Status))
                    Assert.Fail($"invariant broken for {Convert.ToHexString(frame)} on {link}: {StatusText.Of(p)}, payload {p.PayloadLength}");
                switch (p.Status)
                {
                    case DecodeStatus.Complete: complete++; break;
                    case DecodeStatus.Truncated: truncated++; break;
                    case DecodeStatus.Malformed: malformed++; break;
                }
            }
        });

        // The mutations must reach every outcome, or they are not exercising the checks.
        complete.Should().BePositive();
        truncated.Should().BePositive();
        malformed.Should().BePositive();
    }

    [Fact]
    public void Every_prefix_of_every_seed_decodes()
    {
        foreach (var (seed, link) in SeedFrames.All())
        {
            for (var length = 0; length <= seed.Length; length++)
            {
                PacketDecoder.Decode(seed.AsSpan(0, length), link, 0, seed.Length, 0, out var p);
                p.PayloadOffset.Should().BeInRange(0, length);
                if (length == seed.Length)
                    p.Status.Should().Be(DecodeStatus.Complete, $"the full {link} seed is well-formed");
            }
        }
    }

    [Fact]
    public void Readers_survive_mutated_capture_files()
    {
        var frames = SeedFrames.All().Where(s => s.Link == LinkType.Ethernet)
            .Select((s, i) => new TestFrame(s.Frame, 1_000_000_000L * i)).ToArray();
        var originals = new[]
        {
            CaptureFiles.Pcap(1, frames),
            CaptureFiles.Pcap(1, frames, nanoseconds: true, bigEndian: true),
            CaptureFiles.Pcapng([(1, null, null), (101, 9, 10)], frames),
            CaptureFiles.Pcapng([(1, 0x86, null)], frames, bigEndian: true),
        };
        var random = new Random(7);
        var damaged = 0;
        WithinSeconds(120, () =>
        {
            for (var i = 0; i < 40_000; i++)
            {
                var capture = Mutate(originals[i % originals.Length], random);
                try
                {
                    using var reader = CaptureReader.Open(new MemoryStream(capture), "mutant");
                    while (reader.TryRead(out var record))
                        PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out _);
                }
                catch (CaptureFormatException e)
                {
                    e.Offset.Should().BeInRange(0, capture.Length);
                    damaged++;
                }
            }
        });

        damaged.Should().BePositive();
    }

    [CorpusFact]
    public void Every_corpus_capture_reads_to_its_end_or_a_named_error()
    {
        var files = 0;
        var damaged = new List<string>();
        WithinSeconds(300, () =>
        {
            foreach (var path in Corpus.CorpusCaptures.All())
            {
                files++;
                try
                {
                    using var reader = CaptureReader.Open(path);
                    while (reader.TryRead(out var record))
                        PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out _);
                }
                catch (CaptureFormatException e)
                {
                    e.SourceName.Should().Be(path);
                    damaged.Add($"{Corpus.CorpusCaptures.Relative(path)}: {e.Problem}");
                }
            }
        });

        // Reaching here means no capture, the malformed ones of tcpdump's suite included, threw anything but a named
        // format error or hung; the damaged ones are listed for the record.
        files.Should().BeGreaterThan(900);
        output.WriteLine($"{files} captures read; {damaged.Count} ended in a named error:");
        foreach (var line in damaged)
            output.WriteLine(line);
    }
}
