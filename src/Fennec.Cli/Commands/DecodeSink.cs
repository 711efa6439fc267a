using Fennec.Cli.Output;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;
using Fennec.Packets.Text;

namespace Fennec.Cli.Commands;

/// <summary>
/// What <c>fennec decode</c> does with each frame, whatever its source (file or interface): decode it, count it,
/// write its row, and say when the <c>--limit</c> or the capture-time <c>--duration</c> is reached.
/// </summary>
internal sealed class DecodeSink : IDisposable
{
    private readonly Stream _stream;
    private readonly Utf8LineWriter _output;
    private readonly PacketRowWriter _rows;
    private readonly long _limit;
    private readonly long _spanNs;
    private readonly bool _countOnly;
    private long _endNs = long.MaxValue;
    private bool _pastEnd;
    private DecodedPacket _packet;

    /// <summary>Creates the sink; nothing is written before <see cref="Begin"/>.</summary>
    /// <param name="output">Where rows (or totals) go.</param>
    /// <param name="format">The row format.</param>
    /// <param name="limit">The most packets to decode, or null for all.</param>
    /// <param name="spanNs">Stop at the first frame this much capture time after the first one; 0 for no bound.</param>
    /// <param name="countOnly">Print only totals at the end.</param>
    public DecodeSink(Stream output, OutputFormat format, long? limit, long spanNs, bool countOnly)
    {
        _stream = output;
        _output = new Utf8LineWriter(output, leaveOpen: true);
        _rows = new PacketRowWriter(_output, format);
        _limit = limit ?? long.MaxValue;
        _spanNs = spanNs;
        _countOnly = countOnly;
    }

    /// <summary>Totals over the packets decoded so far.</summary>
    public DecodeStatistics Statistics { get; } = new();

    /// <summary>True once no more frames are wanted.</summary>
    public bool IsDone => Statistics.Packets >= _limit || _pastEnd;

    /// <summary>Writes the CSV header (unless only totals are wanted).</summary>
    public void Begin()
    {
        if (!_countOnly)
            _rows.WriteHeader();
    }

    /// <summary>Decodes one frame and writes its row; a frame past the capture-time bound ends the run instead.</summary>
    public void Add(in CaptureRecord record)
    {
        if (record.TimestampNs >= _endNs)
        {
            _pastEnd = true;
            return;
        }

        if (_spanNs > 0 && Statistics.Packets == 0)
            _endNs = record.TimestampNs + _spanNs;
        PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out _packet);
        Statistics.Add(_packet);
        if (!_countOnly)
            _rows.Write(_packet);
    }

    /// <summary>Hands what is buffered to the output now (live capture does so while idle).</summary>
    public void Flush()
    {
        _output.Flush();
        _stream.Flush();
    }

    /// <summary>Writes the totals when only totals are wanted.</summary>
    public void Finish()
    {
        if (_countOnly)
            Totals.Write(_output, Statistics);
    }

    /// <summary>Flushes and releases the buffer.</summary>
    public void Dispose()
    {
        try
        {
            _output.Dispose();
        }
        catch (IOException)
        {
            // The reader of our output went away (a closed pipe): what is left has nowhere to go.
        }
    }
}
