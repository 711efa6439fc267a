using System.Buffers.Binary;
using System.Text;

namespace Fennec.Enrichment.Mmdb;

public sealed partial class MmdbReader
{
    // Pointers can make a small corrupt file describe an exponentially large value; stop well before that hurts.
    private const int MaxDecodedValues = 1_000_000;

    /// <summary>
    /// Decodes the whole record at <paramref name="dataOffset"/> into .NET values: string, double, float, byte[],
    /// ushort, uint, int, ulong, UInt128, bool, Dictionary&lt;string, object&gt; and List&lt;object&gt;. For tests,
    /// debugging and one-off reads; lookups on the hot path use <see cref="TryFind"/>.
    /// </summary>
    public object Decode(int dataOffset) => DecodeAt(_memory.Span, _data, DataAt(dataOffset));

    private object DecodeAt(ReadOnlySpan<byte> bytes, Section section, int at)
    {
        var budget = MaxDecodedValues;
        return DecodeValue(bytes, section, at, 0, ref budget, out _);
    }

    private object DecodeValue(ReadOnlySpan<byte> bytes, Section section, int at, int depth, ref int budget, out int next)
    {
        if (depth > MaxDepth)
            throw Corrupt(at, $"data nested deeper than {MaxDepth} levels");
        if (--budget < 0)
            throw Corrupt(at, $"a record of more than {MaxDecodedValues} values (pointers forming a cycle?)");
        var value = ReadHeader(bytes, section, at, out next);
        if (value.Type == MmdbType.Pointer)
        {
            var afterPointer = next;
            var target = ReadHeader(bytes, section, value.Offset, out _);
            if (target.Type == MmdbType.Pointer)
                throw Corrupt(at, "a pointer points to another pointer");
            var resolved = DecodeValue(bytes, section, value.Offset, depth, ref budget, out _);
            next = afterPointer;
            return resolved;
        }

        var payload = bytes.Slice(value.Offset, value.Type is MmdbType.Map or MmdbType.Array or MmdbType.Boolean or MmdbType.EndMarker ? 0 : value.Size);
        switch (value.Type)
        {
            case MmdbType.Utf8String:
                return Encoding.UTF8.GetString(payload);
            case MmdbType.Double:
                return BinaryPrimitives.ReadDoubleBigEndian(payload);
            case MmdbType.Float:
                return BinaryPrimitives.ReadSingleBigEndian(payload);
            case MmdbType.Bytes:
                return payload.ToArray();
            case MmdbType.UInt16:
                return (ushort)ReadUnsigned(payload);
            case MmdbType.UInt32:
                return (uint)ReadUnsigned(payload);
            case MmdbType.Int32:
                return (int)(uint)ReadUnsigned(payload);
            case MmdbType.UInt64:
                return ReadUnsigned(payload);
            case MmdbType.UInt128:
                return payload.Length > 8
                    ? new UInt128(ReadUnsigned(payload[..^8]), ReadUnsigned(payload[^8..]))
                    : (UInt128)ReadUnsigned(payload);
            case MmdbType.Boolean:
                return value.Size == 1;
            case MmdbType.Map:
                return DecodeMap(bytes, section, value, depth, ref budget, out next);
            case MmdbType.Array:
            {
                var list = new List<object>(Math.Min(value.Size, 1024));
                next = value.Offset;
                for (var i = 0; i < value.Size; i++)
                    list.Add(DecodeValue(bytes, section, next, depth + 1, ref budget, out next));
                return list;
            }

            default:
                throw Corrupt(at, $"a {value.Type} is not a value a record can hold");
        }
    }

    private Dictionary<string, object> DecodeMap(ReadOnlySpan<byte> bytes, Section section, MmdbValue map, int depth, ref int budget, out int p)
    {
        var result = new Dictionary<string, object>(Math.Min(map.Size, 1024), StringComparer.Ordinal);
        p = map.Offset;
        for (var i = 0; i < map.Size; i++)
        {
            var keyAt = p;
            var key = Encoding.UTF8.GetString(ReadKey(bytes, section, p, out p));
            result[key] = DecodeValue(bytes, section, p, depth + 1, ref budget, out p);
            if (result.Count != i + 1)
                throw Corrupt(keyAt, $"the map key '{key}' appears twice");
        }

        return result;
    }
}
