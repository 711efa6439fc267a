using Fennec.Enrichment.Mmdb;
using Fennec.Packets.Decoding;

namespace Fennec.Enrichment.Geo;

/// <summary>
/// GeoIP/ASN lookups over one MaxMind DB file in either layout (see <see cref="GeoLayout"/>).
/// <see cref="LookupCountry"/> is the hot path: no allocation, and the country of each record is remembered, since
/// a country database holds a few hundred records shared by millions of networks. Safe to share between threads.
/// </summary>
public sealed class GeoDatabase : IDisposable
{
    private const int CacheSize = 4096;

    // Each entry packs (data offset + 1) << 16 | country; 0 is empty. A 64-bit store is atomic, so threads can share it.
    private readonly ulong[] _countryCache = new ulong[CacheSize];

    /// <summary>Wraps an open reader; the layout is detected when not given.</summary>
    public GeoDatabase(MmdbReader reader, GeoLayout? layout = null)
    {
        Reader = reader;
        Layout = layout ?? GeoLayout.Detect(reader);
    }

    /// <summary>The underlying reader.</summary>
    public MmdbReader Reader { get; }

    /// <summary>Where this database keeps its fields.</summary>
    public GeoLayout Layout { get; }

    /// <summary>Opens a database file and detects its layout.</summary>
    public static GeoDatabase Open(string path)
    {
        var reader = MmdbReader.Open(path);
        try
        {
            return new GeoDatabase(reader);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>The country of <paramref name="address"/>, or <see cref="CountryCode.None"/>; no allocation.</summary>
    public CountryCode LookupCountry(IpAddress address)
    {
        var lookup = Reader.Lookup(address);
        return lookup.Found ? CountryAt(lookup.DataOffset) : CountryCode.None;
    }

    /// <summary>The country of the record at <paramref name="dataOffset"/>; no allocation.</summary>
    public CountryCode CountryAt(int dataOffset)
    {
        var slot = (int)(((uint)dataOffset * 2_654_435_761u) >> 20) & (CacheSize - 1);
        var tag = (ulong)(uint)(dataOffset + 1) << 16;
        var entry = _countryCache[slot];
        if ((entry & ~0xFFFFUL) == tag)
            return new CountryCode((ushort)entry);

        var code = CountryCode.None;
        foreach (var path in Layout.Country)
        {
            if (Reader.TryFind(dataOffset, path, out var value) && value.Type == MmdbType.Utf8String &&
                CountryCode.TryFromUtf8(Reader.GetUtf8(value), out code))
                break;
        }

        _countryCache[slot] = tag | code.Packed;
        return code;
    }

    /// <summary>Everything the database says about <paramref name="address"/>, or null when it has no record.</summary>
    public GeoRecord? Lookup(IpAddress address)
    {
        var lookup = Reader.Lookup(address);
        return lookup.Found ? ReadRecord(lookup.DataOffset, lookup.PrefixLength) : null;
    }

    /// <summary>The fields of the record at <paramref name="dataOffset"/> (allocates the strings).</summary>
    public GeoRecord ReadRecord(int dataOffset, int prefixLength) => new(
        CountryAt(dataOffset),
        First(dataOffset, Layout.CountryName, v => v.Type == MmdbType.Utf8String ? Reader.GetString(v) : null),
        First(dataOffset, Layout.City, v => v.Type == MmdbType.Utf8String ? Reader.GetString(v) : null),
        First(dataOffset, Layout.Latitude, v => Reader.TryGetDouble(v, out var d) ? d : (double?)null),
        First(dataOffset, Layout.Longitude, v => Reader.TryGetDouble(v, out var d) ? d : (double?)null),
        First(dataOffset, Layout.Asn, AsnNumber),
        First(dataOffset, Layout.AsOrganisation, v => v.Type == MmdbType.Utf8String ? Reader.GetString(v) : null),
        prefixLength);

    /// <inheritdoc />
    public void Dispose() => Reader.Dispose();

    /// <summary>An AS number held as an integer, or as text ("13335" or ipinfo's "AS13335").</summary>
    private uint? AsnNumber(MmdbValue value)
    {
        if (Reader.TryGetUInt64(value, out var number))
            return number <= uint.MaxValue ? (uint)number : null;
        var text = Reader.GetUtf8(value);
        if (text.StartsWith("AS"u8))
            text = text[2..];
        return System.Buffers.Text.Utf8Parser.TryParse(text, out uint parsed, out var used) && used == text.Length ? parsed : null;
    }

    private T? First<T>(int dataOffset, IReadOnlyList<MmdbPath> paths, Func<MmdbValue, T?> read)
    {
        foreach (var path in paths)
        {
            if (Reader.TryFind(dataOffset, path, out var value) && read(value) is { } result)
                return result;
        }

        return default;
    }
}
