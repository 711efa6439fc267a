using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Fennec.Packets.Capture;

/// <summary>Classic pcap: microsecond, nanosecond and modified variants, in either byte order.</summary>
internal sealed class PcapReader : CaptureReader
{
    private const uint MagicMicro = 0xA1B2C3D4, MagicNano = 0xA1B23C4D, MagicModified = 0xA1B2CD34;

    private readonly bool _swapped;
    private readonly int _recordHeaderLength;
    private readonly uint _snapLength;
    private readonly LinkType _linkType;
    private readonly CaptureInterface[] _interfaces;
    private readonly long _fractionToNanos;

    /// <summary>The largest frame libpcap and tshark accept from a file (WTAP_MAX_PACKET_SIZE_STANDARD).</summary>
    internal const uint MaxCaptureLength = 262_144;

    /// <summary>The longest record the fast path takes: the snapshot length when set, and the buffer's bound.</summary>
    private readonly uint _maxCaptured;

    public PcapReader(SequentialBuffer buffer, string sourceName, bool compressed)
        : this(buffer, sourceName, compressed, FileHeader(buffer, sourceName))
    {
        buffer.Advance(FileHeaderLength);
    }

    /// <summary>
    /// A reader from a buffer placed anywhere in the file, at a record start: <paramref name="header"/> is the file's
    /// header, read separately.
    /// </summary>
    internal PcapReader(SequentialBuffer buffer, string sourceName, bool compressed, ReadOnlySpan<byte> header)
        : base(buffer, sourceName, compressed)
    {
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        _swapped = magic is not (MagicMicro or MagicNano or MagicModified);
        if (_swapped)
            magic = BinaryPrimitives.ReverseEndianness(magic);
        Format = magic switch
        {
            MagicNano => CaptureFormat.PcapNanosecond,
            MagicModified => CaptureFormat.PcapModified,
            _ => CaptureFormat.Pcap,
        };
        _fractionToNanos = Format == CaptureFormat.PcapNanosecond ? 1 : 1000;
        _recordHeaderLength = Format == CaptureFormat.PcapModified ? 24 : 16;
        var major = ReadUInt16(header[4..]);
        if (major != 2)
            throw Fail($"unsupported pcap version {major}.{ReadUInt16(header[6..])}");
        _snapLength = ReadUInt32(header[16..]);
        _maxCaptured = _snapLength == 0 ? SequentialBuffer.MaxRecordBytes : Math.Min(_snapLength, SequentialBuffer.MaxRecordBytes);
        _linkType = (LinkType)(ReadUInt32(header[20..]) & 0xFFFF);
        var scale = Format == CaptureFormat.PcapNanosecond ? TimestampScale.Nanoseconds : TimestampScale.Microseconds;
        _interfaces = [new CaptureInterface(_linkType, _snapLength, scale)];
    }

    /// <summary>Bytes of the file header.</summary>
    internal const int FileHeaderLength = 24;

    public override CaptureFormat Format { get; }

    public override IReadOnlyList<CaptureInterface> Interfaces => _interfaces;

    private static ReadOnlySpan<byte> FileHeader(SequentialBuffer buffer, string sourceName) =>
        buffer.Ensure(FileHeaderLength)
            ? buffer.Span[..FileHeaderLength]
            : throw new CaptureFormatException(sourceName, buffer.Position,
                $"the capture is cut short: the file header needs {FileHeaderLength} bytes, only {buffer.Available} remain");

    public static bool IsMagic(uint littleEndianMagic) =>
        littleEndianMagic is MagicMicro or MagicNano or MagicModified ||
        BinaryPrimitives.ReverseEndianness(littleEndianMagic) is MagicMicro or MagicNano or MagicModified;

    private protected override bool TryReadCore(out CaptureRecord record)
    {
        // The common case, a whole well-formed record already buffered, reads one span once; anything else (a
        // refill, the end, damage) takes the checked path below.
        var span = Buffer.Span;
        var headerLength = _recordHeaderLength;
        if (span.Length >= headerLength)
        {
            var captured = ReadUInt32(span[8..]);
            if (captured <= _maxCaptured && span.Length - headerLength >= (int)captured)
            {
                Deliver(span, captured, out record);
                return true;
            }
        }

        return TryReadChecked(out record);
    }

    private bool TryReadChecked(out CaptureRecord record)
    {
        var buffer = Buffer;
        if (!buffer.Ensure(_recordHeaderLength))
        {
            record = default;
            if (buffer.Available == 0)
                return false;
            throw Fail($"the capture is cut short: a record header needs {_recordHeaderLength} bytes, only {buffer.Available} remain");
        }

        var captured = ReadUInt32(buffer.Span[8..]);
        if (_snapLength != 0 && captured > _snapLength)
        {
            // Writers that mis-state the snapshot length are common (tshark and libpcap read such records); a length
            // past both the header's and the format's maximum can only be corruption.
            if (captured > Math.Max(_snapLength, MaxCaptureLength))
                throw Fail($"record captured length {captured} exceeds the file's snapshot length {_snapLength} and the format's maximum {MaxCaptureLength}");
            OversizedRecords++;
        }

        if (captured > SequentialBuffer.MaxRecordBytes)
            throw Fail($"record captured length {captured} is beyond any real frame");
        if (!buffer.Ensure(_recordHeaderLength + (int)captured))
            throw Fail($"the capture is cut short: a record of {captured} captured bytes has only {buffer.Available - _recordHeaderLength} bytes left");

        Deliver(buffer.Span, captured, out record);
        return true;
    }

    /// <summary>Hands out the record at the start of <paramref name="span"/>, whose length has been checked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Deliver(ReadOnlySpan<byte> span, uint captured, out CaptureRecord record)
    {
        var seconds = ReadUInt32(span);
        var fraction = ReadUInt32(span[4..]);
        var wire = ReadUInt32(span[12..]);
        var timestamp = ((long)seconds * 1_000_000_000) + (fraction * _fractionToNanos);
        record = new CaptureRecord(span.Slice(_recordHeaderLength, (int)captured), timestamp, (int)Math.Min(wire, int.MaxValue),
            0, _linkType, Buffer.Position);
        Buffer.Advance(_recordHeaderLength + (int)captured);
        Records++;
    }

    /// <summary>
    /// Moves to the first offset from here where a record header begins a run of plausible ones: several in a row
    /// (or every one up to the end of the file), each with a captured length above zero, within the file's bounds and
    /// no larger than its length on the wire, a sub-second fraction below one second, and a time within a day of the
    /// run's first. False when the buffered window holds
    /// no such run. The caller must confirm the offset, since a payload can imitate headers.
    /// </summary>
    internal bool SkipToPlausibleRecord()
    {
        const int window = 64 << 10, run = 8;
        Buffer.Ensure(window);
        var span = Buffer.Span;
        var atEnd = span.Length < window;
        for (var start = 0; start + _recordHeaderLength <= span.Length || (atEnd && start == span.Length); start++)
        {
            var offset = start;
            var found = 0;
            var firstSeconds = 0u;
            while (found < run)
            {
                if (offset == span.Length && atEnd)
                    break; // the file ends exactly after the last record
                if (offset + _recordHeaderLength > span.Length || !IsPlausibleHeader(span[offset..], out var captured))
                    break;
                var seconds = ReadUInt32(span[offset..]);
                if (found == 0)
                    firstSeconds = seconds;
                else if (Math.Abs((long)seconds - firstSeconds) > SecondsApart)
                    break;
                offset += _recordHeaderLength + (int)captured;
                found++;
            }

            var reachedEnd = offset == span.Length && atEnd;
            var windowSpent = !atEnd && offset + _recordHeaderLength > span.Length && found >= 2;
            if (found == run || reachedEnd || windowSpent)
            {
                Buffer.Advance(start);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// How far apart in time the records of a plausible run may be. Zeroed or repeating payload bytes can look like
    /// records; their times rarely sit within a day of the real records after them.
    /// </summary>
    private const long SecondsApart = 86_400;

    private bool IsPlausibleHeader(ReadOnlySpan<byte> header, out uint captured)
    {
        captured = ReadUInt32(header[8..]);
        var wire = ReadUInt32(header[12..]);
        var fraction = ReadUInt32(header[4..]);
        var fractionLimit = Format == CaptureFormat.PcapNanosecond ? 1_000_000_000u : 1_000_000u;
        return captured > 0 && captured <= Math.Max(_snapLength, MaxCaptureLength) && captured <= wire && wire <= 1u << 24 &&
               fraction < fractionLimit;
    }

    private ushort ReadUInt16(ReadOnlySpan<byte> s) =>
        _swapped ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);

    private uint ReadUInt32(ReadOnlySpan<byte> s) =>
        _swapped ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
}
