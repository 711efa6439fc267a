using System.Buffers.Binary;
using System.Text;

namespace Fennec.Packets.Capture;

/// <summary>
/// pcapng: sections of either byte order, interface descriptions with their clocks, enhanced, simple and obsolete
/// packet blocks; every other block is skipped and counted.
/// </summary>
internal sealed class PcapngReader : CaptureReader
{
    public const uint SectionHeaderType = 0x0A0D0D0A;
    private const uint ByteOrderMagic = 0x1A2B3C4D;
    private const uint InterfaceDescriptionType = 1, ObsoletePacketType = 2, SimplePacketType = 3, EnhancedPacketType = 6;
    private const ushort OptionEnd = 0, OptionName = 2, OptionTimestampResolution = 9, OptionTimestampOffset = 14;

    private readonly List<CaptureInterface> _allInterfaces = [];
    private readonly List<CaptureInterface> _sectionInterfaces = [];
    private int _sectionBase;
    private bool _swapped;

    public PcapngReader(SequentialBuffer buffer, string sourceName, bool compressed)
        : base(buffer, sourceName, compressed)
    {
    }

    public override CaptureFormat Format => CaptureFormat.Pcapng;

    /// <summary>Interfaces of every section, in the order they were described.</summary>
    public override IReadOnlyList<CaptureInterface> Interfaces => _allInterfaces;

    private protected override bool TryReadCore(out CaptureRecord record)
    {
        var buffer = Buffer;
        while (true)
        {
            if (!buffer.Ensure(12))
            {
                record = default;
                if (buffer.Available == 0)
                    return false;
                throw Fail($"the capture is cut short: a block header needs 12 bytes, only {buffer.Available} remain");
            }

            var type = ReadUInt32(buffer.Span);
            if (type == SectionHeaderType)
            {
                ReadSectionHeader();
                continue;
            }

            var length = ReadUInt32(buffer.Span[4..]);
            if (length < 12 || length % 4 != 0)
                throw Fail($"block of type 0x{type:X8} has an impossible total length {length}");
            if (length > SequentialBuffer.MaxRecordBytes)
                throw Fail($"block of type 0x{type:X8} claims {length} bytes, more than a block may hold");
            if (!buffer.Ensure((int)length))
                throw CutShort((int)length, $"a block of type 0x{type:X8}");
            var block = buffer.Span[..(int)length];
            if (ReadUInt32(block[^4..]) != length)
                throw Fail($"block of type 0x{type:X8}: trailing length {ReadUInt32(block[^4..])} differs from leading length {length}");

            var offset = buffer.Position;
            switch (type)
            {
                case EnhancedPacketType:
                    if (TryEnhanced(block, offset, out record))
                        return Deliver((int)length);
                    break;
                case SimplePacketType:
                    if (TrySimple(block, offset, out record))
                        return Deliver((int)length);
                    break;
                case ObsoletePacketType:
                    if (TryObsolete(block, offset, out record))
                        return Deliver((int)length);
                    break;
                case InterfaceDescriptionType:
                    ReadInterface(block);
                    break;
                default:
                    SkippedBlocks++;
                    break;
            }

            buffer.Advance((int)length);
        }
    }

    private bool Deliver(int length)
    {
        // The record's span stays valid: advancing only moves the read position, the bytes stay in place
        // until the next Ensure.
        Buffer.Advance(length);
        Records++;
        return true;
    }

    private void ReadSectionHeader()
    {
        var buffer = Buffer;
        var offset = buffer.Position;
        Require(28, "the section header block");
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(buffer.Span[8..]);
        if (magic == ByteOrderMagic)
            _swapped = false;
        else if (magic == BinaryPrimitives.ReverseEndianness(ByteOrderMagic))
            _swapped = true;
        else
            throw new CaptureFormatException(SourceName, offset, $"section header has an unknown byte-order magic 0x{magic:X8}");

        var length = ReadUInt32(buffer.Span[4..]);
        if (length < 28 || length % 4 != 0 || length > SequentialBuffer.MaxRecordBytes)
            throw new CaptureFormatException(SourceName, offset, $"section header has an impossible total length {length}");
        var major = ReadUInt16(buffer.Span[12..]);
        if (major != 1)
            throw new CaptureFormatException(SourceName, offset, $"unsupported pcapng version {major}.{ReadUInt16(buffer.Span[14..])}");
        Require((int)length, "the section header block");
        _sectionBase = _allInterfaces.Count;
        _sectionInterfaces.Clear();
        buffer.Advance((int)length);
    }

    private void ReadInterface(ReadOnlySpan<byte> block)
    {
        if (block.Length < 20)
            throw Fail($"interface description block of {block.Length} bytes is too short");
        var linkType = (LinkType)ReadUInt16(block[8..]);
        var snapLength = ReadUInt32(block[12..]);
        var resolution = (byte)6;
        long offsetSeconds = 0;
        string? name = null;
        var options = block[16..^4];
        while (options.Length >= 4)
        {
            var code = ReadUInt16(options);
            var length = ReadUInt16(options[2..]);
            if (code == OptionEnd || 4 + length > options.Length)
                break;
            var value = options.Slice(4, length);
            if (code == OptionTimestampResolution && length >= 1)
                resolution = value[0];
            else if (code == OptionTimestampOffset && length >= 8)
                offsetSeconds = _swapped ? BinaryPrimitives.ReadInt64BigEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value);
            else if (code == OptionName)
                name = Encoding.UTF8.GetString(value).TrimEnd('\0');
            options = options[Math.Min(options.Length, 4 + ((length + 3) & ~3))..];
        }

        var scale = TimestampScale.FromResolution(resolution, offsetSeconds)
            ?? throw Fail($"interface {_sectionInterfaces.Count} has an unusable timestamp resolution 0x{resolution:X2}");
        var description = new CaptureInterface(linkType, snapLength, scale, name);
        _sectionInterfaces.Add(description);
        _allInterfaces.Add(description);
    }

    private CaptureInterface Interface(uint id, string block)
    {
        if (id >= _sectionInterfaces.Count)
            throw Fail($"{block} names interface {id}, but the section describes {_sectionInterfaces.Count}");
        return _sectionInterfaces[(int)id];
    }

    private bool TryEnhanced(ReadOnlySpan<byte> block, long offset, out CaptureRecord record) =>
        TryTimestamped(block, offset, ReadUInt32(block[8..]), "enhanced packet block", out record);

    private bool TrySimple(ReadOnlySpan<byte> block, long offset, out CaptureRecord record)
    {
        if (block.Length < 16)
            throw Fail($"simple packet block of {block.Length} bytes is too short");
        var description = Interface(0, "simple packet block");
        var wire = ReadUInt32(block[8..]);
        var captured = Math.Min(wire, (uint)(block.Length - 16));
        if (description.SnapLength != 0)
            captured = Math.Min(captured, description.SnapLength);
        // A simple packet block carries no timestamp.
        record = new CaptureRecord(block.Slice(12, (int)captured), 0, (int)Math.Min(wire, int.MaxValue), _sectionBase,
            description.LinkType, offset);
        return true;
    }

    /// <summary>The obsolete packet block has the enhanced block's layout but a 16-bit interface id (and a drop count).</summary>
    private bool TryObsolete(ReadOnlySpan<byte> block, long offset, out CaptureRecord record) =>
        TryTimestamped(block, offset, ReadUInt16(block[8..]), "packet block", out record);

    private bool TryTimestamped(ReadOnlySpan<byte> block, long offset, uint id, string name, out CaptureRecord record)
    {
        if (block.Length < 32)
            throw Fail($"{name} of {block.Length} bytes is too short");
        var description = Interface(id, name);
        var raw = ((ulong)ReadUInt32(block[12..]) << 32) | ReadUInt32(block[16..]);
        var captured = ReadUInt32(block[20..]);
        var wire = ReadUInt32(block[24..]);
        if (captured > block.Length - 32)
            throw Fail($"{name} claims {captured} captured bytes but holds {block.Length - 32}");
        record = new CaptureRecord(block.Slice(28, (int)captured), description.Timestamp.ToNanoseconds(raw),
            (int)Math.Min(wire, int.MaxValue), _sectionBase + (int)id, description.LinkType, offset);
        return true;
    }

    private ushort ReadUInt16(ReadOnlySpan<byte> s) =>
        _swapped ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);

    private uint ReadUInt32(ReadOnlySpan<byte> s) =>
        _swapped ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
}
