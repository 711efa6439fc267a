using BenchmarkDotNet.Attributes;
using Fennec.Cli.Output;
using Fennec.Packets.Decoding;
using Fennec.Packets.Text;

namespace Fennec.Benchmarks;

/// <summary>
/// The output path of <c>fennec decode</c>: decoded packets written as CSV or JSON Lines rows through
/// <see cref="PacketRowWriter"/> into a discarding stream; results are per row.
/// </summary>
[MemoryDiagnoser]
public class RowWriterBenchmarks
{
    private const int Rows = DecodeBenchmarks.Frames;

    private DecodedPacket[] _packets = [];
    private Utf8LineWriter _writer = null!;
    private PacketRowWriter _rows = null!;

    [Params(OutputFormat.Csv, OutputFormat.Jsonl)]
    public OutputFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var frames = FrameSet.Load(FrameSet.Captures(FrameMix.Mixed), Rows);
        _packets = new DecodedPacket[Rows];
        for (var i = 0; i < Rows; i++)
            PacketDecoder.Decode(frames.Frame(i), frames.LinkTypes[i], frames.Timestamps[i], frames.Lengths[i], 0, out _packets[i]);
        _writer = new Utf8LineWriter(Stream.Null, leaveOpen: true);
        _rows = new PacketRowWriter(_writer, Format);
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    [Benchmark(OperationsPerInvoke = Rows)]
    public void WriteRows()
    {
        var rows = _rows;
        var packets = _packets;
        for (var i = 0; i < packets.Length; i++)
            rows.Write(packets[i]);
        _writer.Flush();
    }
}
