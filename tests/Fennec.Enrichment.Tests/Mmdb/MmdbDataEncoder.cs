using System.Buffers.Binary;
using System.Text;
using Fennec.Enrichment.Mmdb;

namespace Fennec.Enrichment.Tests.Mmdb;

/// <summary>A value written as a pointer to where <see cref="Value"/> sits in the data cache container.</summary>
/// <param name="Value">The value the pointer leads to.</param>
/// <param name="SizeBits">The pointer form, 0 to 3 (1, 2, 3 or 4 bytes after the control byte).</param>
internal sealed record Cached(object Value, int SizeBits)
{
    /// <summary>The value's data-section offset, set when the container is written.</summary>
    public int Offset { get; set; } = -1;
}

/// <summary>
/// Writes MaxMind DB data fields (tests only): string, double, float, byte[], ushort, uint, int, ulong, UInt128,
/// bool, Dictionary&lt;string, object&gt;, KeyValuePair&lt;object, object&gt;[] (a map whose keys may be
/// <see cref="Cached"/> pointers), object[]/List&lt;object&gt;, and <see cref="Cached"/> (a pointer).
/// </summary>
internal sealed class MmdbDataEncoder
{
    private readonly List<byte> _bytes = [];

    public int Position => _bytes.Count;

    public byte[] ToArray() => [.. _bytes];

    public void WriteRaw(ReadOnlySpan<byte> bytes) => _bytes.AddRange(bytes);

    public void Write(object value)
    {
        switch (value)
        {
            case Cached cached:
                WritePointer(cached.Offset, cached.SizeBits);
                break;
            case string s:
                WriteHeader(MmdbType.Utf8String, Encoding.UTF8.GetByteCount(s));
                WriteRaw(Encoding.UTF8.GetBytes(s));
                break;
            case double d:
                WriteHeader(MmdbType.Double, 8);
                WriteBigEndian((ulong)BitConverter.DoubleToInt64Bits(d), 8);
                break;
            case float f:
                WriteHeader(MmdbType.Float, 4);
                WriteBigEndian(BitConverter.SingleToUInt32Bits(f), 4);
                break;
            case byte[] b:
                WriteHeader(MmdbType.Bytes, b.Length);
                WriteRaw(b);
                break;
            case ushort u:
                WriteMinimal(MmdbType.UInt16, u);
                break;
            case uint u:
                WriteMinimal(MmdbType.UInt32, u);
                break;
            case int i:
                WriteMinimal(MmdbType.Int32, (uint)i);
                break;
            case ulong u:
                WriteMinimal(MmdbType.UInt64, u);
                break;
            case UInt128 u:
            {
                var length = 16 - (int)(UInt128.LeadingZeroCount(u) / 8);
                WriteHeader(MmdbType.UInt128, length);
                for (var i = length - 1; i >= 0; i--)
                    _bytes.Add((byte)(u >> (8 * i)));
                break;
            }

            case bool b:
                WriteHeader(MmdbType.Boolean, b ? 1 : 0);
                break;
            case Dictionary<string, object> map:
                WriteHeader(MmdbType.Map, map.Count);
                foreach (var (k, v) in map)
                {
                    Write(k);
                    Write(v);
                }

                break;
            case KeyValuePair<object, object>[] pairs:
                WriteHeader(MmdbType.Map, pairs.Length);
                foreach (var (k, v) in pairs)
                {
                    Write(k);
                    Write(v);
                }

                break;
            case IList<object> list:
                WriteHeader(MmdbType.Array, list.Count);
                foreach (var item in list)
                    Write(item);
                break;
            default:
                throw new ArgumentException($"cannot encode {value.GetType()}");
        }
    }

    public void WriteHeader(MmdbType type, int size)
    {
        var extended = (int)type > 7;
        var sizeBits = size < 29 ? size : size < 285 ? 29 : size < 65_821 ? 30 : 31;
        _bytes.Add((byte)(((extended ? 0 : (int)type) << 5) | sizeBits));
        if (extended)
            _bytes.Add((byte)((int)type - 7));
        switch (sizeBits)
        {
            case 29:
                _bytes.Add((byte)(size - 29));
                break;
            case 30:
                WriteBigEndian((ulong)(size - 285), 2);
                break;
            case 31:
                WriteBigEndian((ulong)(size - 65_821), 3);
                break;
        }
    }

    public void WritePointer(int target, int sizeBits)
    {
        var value = sizeBits switch { 1 => target - 2048, 2 => target - 526_336, _ => target };
        if (value < 0 || (sizeBits < 3 && value >= 1 << (11 + (8 * sizeBits))))
            throw new ArgumentException($"offset {target} does not fit a pointer of form {sizeBits}");
        var high = sizeBits == 3 ? 0 : (value >> (8 * (sizeBits + 1))) & 7;
        _bytes.Add((byte)((1 << 5) | (sizeBits << 3) | high));
        WriteBigEndian((ulong)value, sizeBits + 1);
    }

    private void WriteMinimal(MmdbType type, ulong value)
    {
        var length = (64 - System.Numerics.BitOperations.LeadingZeroCount(value) + 7) / 8;
        WriteHeader(type, length);
        WriteBigEndian(value, length);
    }

    private void WriteBigEndian(ulong value, int length)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, value);
        WriteRaw(buffer[(8 - length)..]);
    }
}
