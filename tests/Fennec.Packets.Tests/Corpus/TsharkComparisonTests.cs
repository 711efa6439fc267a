using System.Collections.Concurrent;
using System.Text;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;
using Xunit.Abstractions;

namespace Fennec.Packets.Tests.Corpus;

/// <summary>
/// Decodes every capture of the shared corpus and compares each packet with tshark. Every difference must be listed
/// in known-differences.tsv with its count and reason; anything else fails the test.
/// </summary>
public class TsharkComparisonTests(ITestOutputHelper output)
{
    [CorpusFact]
    public void Every_corpus_packet_matches_tshark_or_is_a_listed_difference()
    {
        var captures = CorpusCaptures.All();
        captures.Should().HaveCountGreaterThan(900, "the corpus holds about 950 captures");

        var found = new ConcurrentDictionary<(string File, string Field), (long Count, string Example)>();
        long packets = 0;
        Parallel.ForEach(captures, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, capture =>
        {
            var relative = CorpusCaptures.Relative(capture);
            void Difference(string field, string detail) =>
                found.AddOrUpdate((relative, field), (1, detail), (_, old) => (old.Count + 1, old.Example));

            var expected = TsharkFields.Read(capture);
            var frame = 0;
            string? damage = null;
            try
            {
                using var reader = CaptureReader.Open(capture);
                while (reader.TryRead(out var record))
                {
                    PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var packet);
                    if (frame < expected.Count)
                        TsharkComparer.Compare(packet, expected[frame], (f, d) => Difference(f, $"frame {frame + 1}: {d}"));
                    frame++;
                }
            }
            catch (CaptureFormatException e)
            {
                damage = e.Problem;
            }

            if (frame != expected.Count)
                Difference("frames", $"tshark reads {expected.Count} frames, fennec {frame}{(damage is null ? "" : $" ({damage})")}");
            Interlocked.Add(ref packets, frame);
        });

        var known = KnownDifference.Load(Path.Combine("Corpus", "known-differences.tsv"));
        var report = new StringBuilder();
        foreach (var ((file, field), (count, example)) in found.OrderBy(f => f.Key.File, StringComparer.Ordinal).ThenBy(f => f.Key.Field, StringComparer.Ordinal))
            report.AppendLine($"{file}\t{field}\t{count}\t{example}");
        var unexplained = KnownDifference.Unexplained(found, known);

        var reportPath = Path.Combine(Path.GetTempPath(), "fennec-tshark-differences.tsv");
        File.WriteAllText(reportPath, report.ToString());
        output.WriteLine($"{captures.Count} captures, {packets} packets, {found.Count} (file, field) differences; all listed in {reportPath}");
        unexplained.Should().BeEmpty("every difference from tshark must be fixed or listed with its count and reason in known-differences.tsv");
    }
}
