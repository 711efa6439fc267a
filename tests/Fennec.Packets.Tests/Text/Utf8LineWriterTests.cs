using System.Text;
using Fennec.Packets.Text;

namespace Fennec.Packets.Tests.Text;

public sealed class Utf8LineWriterTests
{
    [Fact]
    public void Text_written_across_buffer_flushes_comes_out_whole()
    {
        using var memory = new MemoryStream();
        var expected = new StringBuilder();
        using (var writer = new Utf8LineWriter(memory, leaveOpen: true, bufferSize: 256))
        {
            for (var i = 0; i < 5_000; i++)
            {
                var text = $"élan \"{i}\" \\ {(char)(i % 31)} ☃";
                writer.WriteJsonString(text);
                writer.Write(',');
                writer.Write(i * 0.1);
                writer.Write(',');
                writer.Write((long)i);
                writer.WriteAscii(";x");
                writer.EndLine();
                expected.Append(Json(text)).Append(',').Append((i * 0.1).ToString("R", System.Globalization.CultureInfo.InvariantCulture))
                    .Append(',').Append(i).Append(";x\n");
            }
        }

        Encoding.UTF8.GetString(memory.ToArray()).Should().Be(expected.ToString());
    }

    private static string Json(string text)
    {
        var b = new StringBuilder("\"");
        foreach (var c in text)
        {
            b.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => $"\\u00{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return b.Append('"').ToString();
    }

    [Theory]
    [InlineData(0L, "0.000000000")]
    [InlineData(1_093_521_678_945_447_000L, "1093521678.945447000")]
    [InlineData(1_000_000_001L, "1.000000001")]
    [InlineData(999_999_999L, "0.999999999")]
    [InlineData(-1_500_000_000L, "-1.500000000")]
    public void Timestamps_are_seconds_with_nine_decimals(long nanoseconds, string expected)
    {
        using var memory = new MemoryStream();
        using (var writer = new Utf8LineWriter(memory, leaveOpen: true))
            writer.WriteTimestamp(nanoseconds);
        Encoding.UTF8.GetString(memory.ToArray()).Should().Be(expected);
    }

    [Fact]
    public void Writers_sharing_a_stream_in_whole_lines_never_interleave_within_a_line()
    {
        var shared = new MemoryStream();
        var stream = Stream.Synchronized(shared);
        string Line(int writer, int i) => $"{writer}:{i}:" + new string((char)('a' + writer), i % 97 == 0 ? 1_000 : i % 61);
        Parallel.For(0, 4, writer =>
        {
            using var lines = new Utf8LineWriter(stream, leaveOpen: true, bufferSize: 256, wholeLines: true);
            for (var i = 0; i < 5_000; i++)
            {
                lines.WriteAscii(Line(writer, i));
                lines.EndLine();
            }
        });

        var written = Encoding.UTF8.GetString(shared.ToArray()).Split('\n')[..^1];
        written.Should().HaveCount(4 * 5_000);
        written.Order(StringComparer.Ordinal).Should().Equal(
            Enumerable.Range(0, 4).SelectMany(w => Enumerable.Range(0, 5_000).Select(i => Line(w, i))).Order(StringComparer.Ordinal));
    }
}
