using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;
using Fennec.Packets.Tests.Robustness;
using Fennec.TestSupport;

namespace Fennec.Packets.Tests.Decoding;

/// <summary>The common-shape fast path must give exactly what the general chain gives, on real and on mutated frames.</summary>
public class FastPathTests
{
    private static void ShouldAgree(byte[] frame)
    {
        PacketDecoder.Decode(frame, LinkType.Ethernet, 0, frame.Length, 0, out var fast);
        PacketDecoder.DecodeGeneral(frame, LinkType.Ethernet, out var general);
        if (!fast.Equals(general))
            Assert.Fail($"fast path and general chain differ on {Convert.ToHexString(frame)}: {StatusText.Of(fast)} {fast.SrcIp}:{fast.SrcPort} vs {StatusText.Of(general)} {general.SrcIp}:{general.SrcPort}");
    }

    [Fact]
    public void Agrees_on_mutated_ethernet_frames()
    {
        var seeds = SeedFrames.All().Where(s => s.Link == LinkType.Ethernet).Select(s => s.Frame).ToList();
        var random = new Random(5);
        for (var i = 0; i < 200_000; i++)
            ShouldAgree(MutationFuzzTests.Mutate(seeds[i % seeds.Count], random));
    }

    [CorpusFact]
    public void Agrees_on_every_corpus_ethernet_frame()
    {
        long frames = 0;
        foreach (var path in Corpus.CorpusCaptures.All())
        {
            try
            {
                using var reader = CaptureReader.Open(path);
                while (reader.TryRead(out var record))
                {
                    if (record.LinkType != LinkType.Ethernet)
                        continue;
                    ShouldAgree(record.Data.ToArray());
                    frames++;
                }
            }
            catch (CaptureFormatException)
            {
                // Damaged files are covered elsewhere; the frames before the damage were compared.
            }
        }

        frames.Should().BeGreaterThan(300_000);
    }
}
