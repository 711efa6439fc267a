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
        : base(buffer, sourceName, compressed)
    {
        Require(24, "the file header");
        var header = buffer.Span;
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
        buffer.Advance(24);
    }

    public override CaptureFormat Format { get; }

    public override IReadOnlyList<CaptureInterface> Interfaces => _interfaces;

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

    private ushort ReadUInt16(ReadOnlySpan<byte> s) =>
        _swapped ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);

    private uint ReadUInt32(ReadOnlySpan<byte> s) =>
        _swapped ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
}
