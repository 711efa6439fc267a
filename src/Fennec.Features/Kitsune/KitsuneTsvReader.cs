using System.Buffers;
using System.Globalization;
using System.Text;

namespace Fennec.Features.Kitsune;

/// <summary>
/// Reads Kitsune's TSV input: tshark's output with a header line and the 19 fields of the reference's extractor,
/// turned into packet fields by the reference's rules. A last line cut short (no newline, too few fields) is
/// counted and skipped, as the reference's line count drops it; any other bad line is an error naming the line.
/// </summary>
public sealed class KitsuneTsvReader : IDisposable
{
    /// <summary>The columns, in the order tshark writes them for the reference.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "frame.time_epoch", "frame.len", "eth.src", "eth.dst", "ip.src", "ip.dst", "tcp.srcport", "tcp.dstport",
        "udp.srcport", "udp.dstport", "icmp.type", "icmp.code", "arp.opcode", "arp.src.hw_mac",
        "arp.src.proto_ipv4", "arp.dst.hw_mac", "arp.dst.proto_ipv4", "ipv6.src", "ipv6.dst",
    ];

    private const int BufferSize = 1 << 20;
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _start;
    private int _end;
    private bool _eof;
    private bool _headerRead;
    private readonly int[] _fieldStart = new int[Columns.Count + 1];
    private readonly int[] _fieldLength = new int[Columns.Count + 1];

    /// <summary>Reads from <paramref name="stream"/>; <paramref name="name"/> names it in errors.</summary>
    public KitsuneTsvReader(Stream stream, string name, bool leaveOpen = false)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        Name = name;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The input's name, as used in errors.</summary>
    public string Name { get; }

    /// <summary>The number of the last line read (1 is the header).</summary>
    public long Line { get; private set; }

    /// <summary>Rows read into packet fields.</summary>
    public long Rows { get; private set; }

    /// <summary>1 when the input ended in a line cut short, which was skipped.</summary>
    public int TruncatedLines { get; private set; }

    /// <summary>True when the stream starts like Kitsune's TSV (its header line).</summary>
    public static bool LooksLikeTsv(ReadOnlySpan<byte> start) => start.StartsWith("frame.time_epoch\t"u8);

    /// <summary>Reads the next row; false at the end of the input.</summary>
    /// <exception cref="KitsuneInputException">A line is malformed.</exception>
    public bool TryRead(PacketFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        while (true)
        {
            if (!TryNextLine(out var line, out var complete))
                return false;
            Line++;
            if (!_headerRead)
            {
                ReadHeader(line);
                _headerRead = true;
                continue;
            }

            if (line.IsEmpty && complete)
                continue;
            var count = Split(line);
            if (count != Columns.Count)
            {
                if (!complete && count < Columns.Count)
                {
                    TruncatedLines++;
                    return false;
                }

                throw Error($"has {count} fields; {Columns.Count} are expected");
            }

            Parse(line, fields);
            Rows++;
            return true;
        }
    }

    private void ReadHeader(ReadOnlySpan<byte> line)
    {
        var count = Split(line);
        for (var i = 0; i < Columns.Count; i++)
        {
            var actual = i < count ? Encoding.ASCII.GetString(Field(line, i)) : "(missing)";
            if (actual != Columns[i])
                throw Error($"is not Kitsune's TSV header: column {i + 1} is '{actual}', '{Columns[i]}' was expected");
        }

        if (count != Columns.Count)
            throw Error($"has {count} header columns; {Columns.Count} are expected");
    }

    private void Parse(ReadOnlySpan<byte> line, PacketFields fields)
    {
        fields.Clear();
        if (!double.TryParse(Field(line, 0), NumberStyles.Float, CultureInfo.InvariantCulture, out var time))
            throw Error($"frame.time_epoch '{Text(line, 0)}' is not a number");
        if (!int.TryParse(Field(line, 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            throw Error($"frame.len '{Text(line, 1)}' is not a length");
        fields.Timestamp = time;
        fields.FrameLength = length;

        Set(line, 2, fields.SrcMac);
        Set(line, 3, fields.DstMac);
        if (_fieldLength[4] > 0)
        {
            Set(line, 4, fields.SrcIp);
            Set(line, 5, fields.DstIp);
        }
        else if (_fieldLength[17] > 0)
        {
            Set(line, 17, fields.SrcIp);
            Set(line, 18, fields.DstIp);
        }

        Set(line, 6, fields.SrcProto);
        Append(line, 8, fields.SrcProto);
        Set(line, 7, fields.DstProto);
        Append(line, 9, fields.DstProto);

        var isArp = _fieldLength[12] > 0;
        Span<char> sender = stackalloc char[TextField.MaxLength];
        Span<char> target = stackalloc char[TextField.MaxLength];
        var senderLength = isArp ? Widen(line, 14, sender) : 0;
        var targetLength = isArp ? Widen(line, 16, target) : 0;
        fields.ApplyFallbacks(isArp, sender[..senderLength], target[..targetLength], _fieldLength[10] > 0);
    }

    private void Set(ReadOnlySpan<byte> line, int column, TextField field)
    {
        field.Clear();
        Append(line, column, field);
    }

    private void Append(ReadOnlySpan<byte> line, int column, TextField field)
    {
        Span<char> text = stackalloc char[TextField.MaxLength];
        var length = Widen(line, column, text);
        if (!field.TryAppend(text[..length]))
            throw Error($"{Columns[column]} is longer than {TextField.MaxLength} characters");
    }

    private int Widen(ReadOnlySpan<byte> line, int column, Span<char> destination)
    {
        var bytes = Field(line, column);
        if (bytes.Length > destination.Length)
            throw Error($"{Columns[column]} is longer than {TextField.MaxLength} characters");
        return Encoding.Latin1.GetChars(bytes, destination);
    }

    private ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, int column) => line.Slice(_fieldStart[column], _fieldLength[column]);

    private string Text(ReadOnlySpan<byte> line, int column) => Encoding.Latin1.GetString(Field(line, column));

    private int Split(ReadOnlySpan<byte> line)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            var tab = line[start..].IndexOf((byte)'\t');
            var end = tab < 0 ? line.Length : start + tab;
            if (count < _fieldStart.Length)
            {
                _fieldStart[count] = start;
                _fieldLength[count] = end - start;
            }

            count++;
            if (tab < 0)
                return count;
            start = end + 1;
        }
    }

    private bool TryNextLine(out ReadOnlySpan<byte> line, out bool complete)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = TrimCarriageReturn(_buffer.AsSpan(_start, newline));
                _start += newline + 1;
                complete = true;
                return true;
            }

            if (_eof)
            {
                complete = false;
                line = _buffer.AsSpan(_start, _end - _start);
                var any = _end > _start;
                _start = _end;
                return any;
            }

            Fill();
        }
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // A single line longer than the buffer: no real row is, so this is not Kitsune's TSV.
            throw new KitsuneInputException(Name, Line + 1, $"is longer than {_buffer.Length} bytes");
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
            _eof = true;
        _end += read;
    }

    private KitsuneInputException Error(string problem) => new(Name, Line, problem);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        if (!_leaveOpen)
            _stream.Dispose();
    }
}

/// <summary>A line of Kitsune's TSV input that cannot be read.</summary>
public sealed class KitsuneInputException : Exception
{
    /// <summary>Creates the error for a file, a line number and a description of the problem.</summary>
    public KitsuneInputException(string file, long line, string problem)
        : base($"{file}: line {line} {problem}")
    {
        File = file;
        LineNumber = line;
        Problem = problem;
    }

    /// <summary>The input's name.</summary>
    public string File { get; }

    /// <summary>The line's number (1 is the header).</summary>
    public long LineNumber { get; }

    /// <summary>What is wrong with the line.</summary>
    public string Problem { get; }
}
