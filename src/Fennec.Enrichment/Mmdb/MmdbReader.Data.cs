using System.Buffers.Binary;
using System.Text;

namespace Fennec.Enrichment.Mmdb;

public sealed partial class MmdbReader
{
    // Real records nest a few levels; this bounds recursion on corrupt input.
    private const int MaxDepth = 64;

    /// <summary>
    /// Finds the field at <paramref name="path"/> in the record at <paramref name="dataOffset"/> (from
    /// <see cref="MmdbLookup.DataOffset"/>), comparing keys in place and skipping the fields in between, without
    /// allocating. False when a key is missing or a step is not a map.
    /// </summary>
    public bool TryFind(int dataOffset, MmdbPath path, out MmdbValue value)
    {
        var bytes = _memory.Span;
        value = Resolve(bytes, _data, DataAt(dataOffset), out _);
        for (var step = 0; step < path.Length; step++)
        {
            if (value.Type != MmdbType.Map)
                return false;
            var key = path.Key(step);
            var at = value.Offset;
            var found = false;
            for (var pair = 0; pair < value.Size; pair++)
            {
                var matches = ReadKey(bytes, _data, at, out at).SequenceEqual(key);
                if (matches)
                {
                    value = Resolve(bytes, _data, at, out _);
                    found = true;
                    break;
                }

                at = Skip(bytes, _data, at, 0);
            }

            if (!found)
                return false;
        }

        return true;
    }

    /// <summary>The string at <paramref name="path"/>, or null when it is missing or not a string (allocates the string).</summary>
    public string? FindString(int dataOffset, MmdbPath path) =>
        TryFind(dataOffset, path, out var value) && value.Type == MmdbType.Utf8String ? GetString(value) : null;

    /// <summary>The UTF-8 bytes of a string (or the bytes of a bytes field), in place.</summary>
    public ReadOnlySpan<byte> GetUtf8(MmdbValue value) =>
        value.Type is MmdbType.Utf8String or MmdbType.Bytes ? _memory.Span.Slice(value.Offset, value.Size) : [];

    /// <summary>A string field as a .NET string; empty for other types.</summary>
    public string GetString(MmdbValue value) => Encoding.UTF8.GetString(GetUtf8(value));

    /// <summary>A numeric field (double, float or integer) as a double; false for other types.</summary>
    public bool TryGetDouble(MmdbValue value, out double result)
    {
        var payload = _memory.Span.Slice(value.Offset, value.Type is MmdbType.Map or MmdbType.Array or MmdbType.Boolean ? 0 : value.Size);
        switch (value.Type)
        {
            case MmdbType.Double:
                result = BinaryPrimitives.ReadDoubleBigEndian(payload);
                return true;
            case MmdbType.Float:
                result = BinaryPrimitives.ReadSingleBigEndian(payload);
                return true;
            case MmdbType.Int32:
                result = (int)(uint)ReadUnsigned(payload);
                return true;
            case MmdbType.UInt16 or MmdbType.UInt32 or MmdbType.UInt64:
                result = ReadUnsigned(payload);
                return true;
            default:
                result = 0;
                return false;
        }
    }

    /// <summary>An unsigned or non-negative signed integer field as a ulong; false for other types.</summary>
    public bool TryGetUInt64(MmdbValue value, out ulong result)
    {
        result = 0;
        if (value.Type is not (MmdbType.UInt16 or MmdbType.UInt32 or MmdbType.UInt64 or MmdbType.Int32))
            return false;
        result = ReadUnsigned(_memory.Span.Slice(value.Offset, value.Size));
        return value.Type != MmdbType.Int32 || (int)(uint)result >= 0;
    }

    private int DataAt(int dataOffset)
    {
        if ((uint)dataOffset >= (uint)(_data.End - _data.Start))
            throw Corrupt(_data.Start + (long)dataOffset, $"data offset {dataOffset} is outside the data section");
        return _data.Start + dataOffset;
    }

    private static ulong ReadUnsigned(ReadOnlySpan<byte> payload)
    {
        ulong v = 0;
        foreach (var b in payload)
            v = (v << 8) | b;
        return v;
    }

    /// <summary>A map key: a string, possibly through a pointer.</summary>
    private ReadOnlySpan<byte> ReadKey(ReadOnlySpan<byte> bytes, Section section, int at, out int next)
    {
        var key = Resolve(bytes, section, at, out next);
        if (key.Type != MmdbType.Utf8String)
            throw Corrupt(at, $"a map key is a {key.Type}, not a string");
        return bytes.Slice(key.Offset, key.Size);
    }

    /// <summary>The field at <paramref name="at"/>, following a pointer once; <paramref name="next"/> is the field after it.</summary>
    private MmdbValue Resolve(ReadOnlySpan<byte> bytes, Section section, int at, out int next)
    {
        var value = ReadHeader(bytes, section, at, out next);
        if (value.Type != MmdbType.Pointer)
            return value;
        var target = ReadHeader(bytes, section, value.Offset, out _);
        return target.Type == MmdbType.Pointer ? throw Corrupt(at, "a pointer points to another pointer") : target;
    }

    /// <summary>The offset just past the field at <paramref name="at"/> (pointers are not followed).</summary>
    private int Skip(ReadOnlySpan<byte> bytes, Section section, int at, int depth)
    {
        if (depth > MaxDepth)
            throw Corrupt(at, $"data nested deeper than {MaxDepth} levels");
        var value = ReadHeader(bytes, section, at, out var next);
        var fields = value.Type switch
        {
            MmdbType.Map => 2L * value.Size,
            MmdbType.Array => value.Size,
            _ => 0,
        };

        // Each field is at least one byte and ReadHeader stops at the section's end, so this loop is bounded.
        for (long i = 0; i < fields; i++)
            next = Skip(bytes, section, next, depth + 1);
        return next;
    }

    /// <summary>
    /// Decodes the control byte (and extended type and size bytes) at <paramref name="at"/>. For a pointer, the
    /// value's offset is the pointer's target and its size 0. <paramref name="next"/> is the offset after the
    /// payload (after the header for maps and arrays, whose fields follow).
    /// </summary>
    private MmdbValue ReadHeader(ReadOnlySpan<byte> bytes, Section section, int at, out int next)
    {
        var p = at;
        var control = Byte(bytes, section, p++);
        var type = (MmdbType)(control >> 5);
        if (type == MmdbType.Pointer)
        {
            var sizeBits = (control >> 3) & 3;
            var payload = Need(bytes, section, p, sizeBits + 1);
            long pointer = sizeBits switch
            {
                0 => ((control & 7) << 8) | payload[0],
                1 => (((control & 7) << 16) | (payload[0] << 8) | payload[1]) + 2048,
                2 => (((control & 7) << 24) | (payload[0] << 16) | (payload[1] << 8) | payload[2]) + 526_336,
                _ => BinaryPrimitives.ReadUInt32BigEndian(payload),
            };
            next = p + sizeBits + 1;
            if (pointer >= section.End - section.Start)
                throw Corrupt(at, $"pointer {pointer} is outside its section of {section.End - section.Start} bytes");
            return new MmdbValue(MmdbType.Pointer, section.Start + (int)pointer, 0);
        }

        if (type == MmdbType.Extended)
        {
            var extended = Byte(bytes, section, p++);
            if (extended == 0 || extended > 8)
                throw Corrupt(at, $"unknown extended type {extended + 7}");
            type = (MmdbType)(extended + 7);
        }

        var size = control & 0x1F;
        if (size >= 29)
        {
            var extra = size - 28;
            var sizeBytes = Need(bytes, section, p, extra);
            p += extra;
            size = extra switch
            {
                1 => 29 + sizeBytes[0],
                2 => 285 + ((sizeBytes[0] << 8) | sizeBytes[1]),
                _ => 65_821 + ((sizeBytes[0] << 16) | (sizeBytes[1] << 8) | sizeBytes[2]),
            };
        }

        var payloadBytes = PayloadBytes(type, size, at);
        Need(bytes, section, p, payloadBytes);
        next = p + payloadBytes;
        return new MmdbValue(type, p, size);
    }

    /// <summary>How many payload bytes follow the header, checking the sizes fixed-width types must have.</summary>
    private int PayloadBytes(MmdbType type, int size, int at)
    {
        var limit = type switch
        {
            MmdbType.Double => 8,
            MmdbType.Float => 4,
            MmdbType.UInt16 => 2,
            MmdbType.UInt32 or MmdbType.Int32 => 4,
            MmdbType.UInt64 => 8,
            MmdbType.UInt128 => 16,
            MmdbType.Boolean => 1,
            _ => int.MaxValue,
        };
        if (size > limit || (type is MmdbType.Double or MmdbType.Float && size != limit))
            throw Corrupt(at, $"a {type} of size {size}");
        return type switch
        {
            MmdbType.Map or MmdbType.Array or MmdbType.Boolean or MmdbType.EndMarker => 0,
            _ => size,
        };
    }

    private byte Byte(ReadOnlySpan<byte> bytes, Section section, int at) =>
        at < section.End ? bytes[at] : throw Corrupt(at, "data truncated: a field runs past the end of its section");

    private ReadOnlySpan<byte> Need(ReadOnlySpan<byte> bytes, Section section, int at, int count) =>
        (long)at + count <= section.End ? bytes.Slice(at, count) : throw Corrupt(at, $"data truncated: {count} bytes needed past the end of its section");
}
