using System.Buffers;
using System.Text;
using Fennec.Packets.Decoding;

namespace Fennec.Packets.Text;

/// <summary>
/// Writes delimited text (CSV, JSON Lines) as UTF-8 straight into a pooled buffer: numbers, addresses and
/// timestamps are formatted in place, so a row costs no allocation.
/// </summary>
public sealed class Utf8LineWriter : IDisposable
{
    /// <summary>The characters JSON strings escape: the quote, the backslash and the controls below U+0020.</summary>
    private static readonly SearchValues<char> JsonEscaped = JsonEscapedCharacters();

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly bool _wholeLines;
    private byte[] _buffer;
    private int _length;

    /// <summary>Bytes buffered up to the end of the last whole line.</summary>
    private int _lineEnd;

    /// <summary>Creates a writer over <paramref name="stream"/>.</summary>
    /// <param name="stream">Where the bytes go.</param>
    /// <param name="leaveOpen">Leave the stream open on dispose.</param>
    /// <param name="bufferSize">Bytes gathered before a write to the stream.</param>
    /// <param name="wholeLines">
    /// Hand the stream only whole lines: for several writers sharing one synchronised stream, whose lines must not
    /// interleave. A line longer than the buffer grows it.
    /// </param>
    public Utf8LineWriter(Stream stream, bool leaveOpen = false, int bufferSize = 1 << 16, bool wholeLines = false)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _wholeLines = wholeLines;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
            MakeRoom(count);
        return _buffer.AsSpan(_length);
    }

    private void MakeRoom(int count)
    {
        if (!_wholeLines)
        {
            Flush();
            return;
        }

        // Write the whole lines and keep the one being written, then grow if it still does not fit.
        if (_lineEnd > 0)
        {
            _stream.Write(_buffer, 0, _lineEnd);
            _buffer.AsSpan(_lineEnd, _length - _lineEnd).CopyTo(_buffer);
            _length -= _lineEnd;
            _lineEnd = 0;
        }

        if (_buffer.Length - _length < count)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }

    /// <summary>Writes an ASCII character.</summary>
    public void Write(char c)
    {
        Reserve(1)[0] = (byte)c;
        _length++;
    }

    /// <summary>Writes text (any Unicode, encoded as UTF-8).</summary>
    public void Write(ReadOnlySpan<char> text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max > _buffer.Length && !_wholeLines)
        {
            Flush();
            var bytes = Encoding.UTF8.GetBytes(text.ToArray());
            _stream.Write(bytes);
            return;
        }

        // Reserve first: it may flush, which resets _length (a compound += would add to the stale value).
        var span = Reserve(max);
        _length += Encoding.UTF8.GetBytes(text, span);
    }

    /// <summary>Writes a JSON string literal, quotes and escapes included.</summary>
    public void WriteJsonString(ReadOnlySpan<char> text)
    {
        Write('"');
        // Runs without escapes are found a vector at a time and written whole.
        int next;
        while ((next = text.IndexOfAny(JsonEscaped)) >= 0)
        {
            Write(text[..next]);
            var c = text[next];
            if (c < ' ')
            {
                Write("\\u00");
                Write(AddressFormatter.HexDigit(c >> 4));
                Write(AddressFormatter.HexDigit(c & 0xF));
            }
            else
            {
                Write('\\');
                Write(c);
            }

            text = text[(next + 1)..];
        }

        Write(text);
        Write('"');
    }

    private static SearchValues<char> JsonEscapedCharacters()
    {
        Span<char> escaped = stackalloc char[0x22];
        escaped[0] = '"';
        escaped[1] = '\\';
        for (var c = 0; c < 0x20; c++)
            escaped[c + 2] = (char)c;
        return SearchValues.Create(escaped);
    }

    /// <summary>Writes a signed integer.</summary>
    public void Write(long value)
    {
        value.TryFormat(Reserve(20), out var n);
        _length += n;
    }

    /// <summary>Writes an unsigned integer.</summary>
    public void Write(ulong value)
    {
        value.TryFormat(Reserve(20), out var n);
        _length += n;
    }

    /// <summary>Writes a double in the shortest form that round-trips, as .NET's "R" format writes it.</summary>
    public void Write(double value)
    {
        var n = ShortestDouble.Format(value, Reserve(32));
        _length += n;
    }

    /// <summary>Writes nanoseconds since the epoch as seconds with nine decimals.</summary>
    public void WriteTimestamp(long nanoseconds)
    {
        var span = Reserve(32);
        var at = 0;
        if (nanoseconds < 0)
        {
            span[at++] = (byte)'-';
            nanoseconds = -nanoseconds;
        }

        var seconds = Math.DivRem(nanoseconds, 1_000_000_000, out var fraction);
        seconds.TryFormat(span[at..], out var n);
        at += n;
        span[at] = (byte)'.';
        // Nine digits written from the last; a "D9" format string would be parsed again for every timestamp.
        for (var i = 9; i > 0; i--)
        {
            fraction = Math.DivRem(fraction, 10, out var digit);
            span[at + i] = (byte)('0' + digit);
        }

        _length += at + 10;
    }

    /// <summary>Writes an IP address in its usual text form.</summary>
    public void Write(in IpAddress address)
    {
        Span<char> text = stackalloc char[48];
        address.TryFormat(text, out var n);
        WriteAscii(text[..n]);
    }

    /// <summary>Writes a MAC address as colon-separated hex pairs.</summary>
    public void Write(in MacAddress address)
    {
        Span<char> text = stackalloc char[17];
        address.TryFormat(text, out var n);
        WriteAscii(text[..n]);
    }

    /// <summary>Writes text known to be ASCII.</summary>
    public void WriteAscii(ReadOnlySpan<char> text)
    {
        var span = Reserve(text.Length);
        for (var i = 0; i < text.Length; i++)
            span[i] = (byte)text[i];
        _length += text.Length;
    }

    /// <summary>Ends a line.</summary>
    public void EndLine()
    {
        Write('\n');
        _lineEnd = _length;
    }

    /// <summary>Writes buffered bytes to the stream.</summary>
    public void Flush()
    {
        if (_length > 0)
        {
            _stream.Write(_buffer, 0, _length);
            _length = 0;
            _lineEnd = 0;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Flush();
        _stream.Flush();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        if (!_leaveOpen)
            _stream.Dispose();
    }
}
