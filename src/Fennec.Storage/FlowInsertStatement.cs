using System.Text;
using Fennec.Enrichment.Geo;
using Fennec.Packets.Decoding;
using SQLitePCL;

namespace Fennec.Storage;

/// <summary>
/// One prepared multi-row flow INSERT and what is bound to each of its parameters. SQLite keeps a parameter's value
/// across steps, so a value equal to the one already bound (a run's exporter, the NULL countries of telemetry, zero
/// reverse counters, the same protocol) is not bound again; addresses are formatted into a pinned buffer of the
/// statement's own, one slot per parameter, and bound without SQLite copying them. A collected flow row needed about
/// ten binds instead of twenty-four, and no allocation inside SQLite. Used under the store's gate only.
/// </summary>
internal sealed class FlowInsertStatement : IDisposable
{
    /// <summary>Columns bound per row (run and sensor are literals of the statement).</summary>
    public const int ColumnsPerRow = 24;

    /// <summary>Room for an address's text: the longest IPv6 form is 45 characters.</summary>
    private const int AddressBytes = 48;

    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _pointer;
    private readonly Bound[] _bound;
    private readonly byte[] _addressText;

    public FlowInsertStatement(sqlite3_stmt statement, int rows)
    {
        _statement = statement;
        _pointer = statement.DangerousGetHandle();
        _bound = new Bound[rows * ColumnsPerRow + 1];
        _addressText = GC.AllocateArray<byte>(_bound.Length * AddressBytes, pinned: true);
    }

    /// <summary>What a parameter holds, as far as skipping an equal bind needs to know.</summary>
    private enum Kind : byte
    {
        Unknown,
        Null,
        Integer,
        Address,
        Text,
        Country,
    }

    /// <summary>The prepared statement (stepped and reset by the writer).</summary>
    public sqlite3_stmt Statement => _statement;

    /// <summary>Binds <paramref name="f"/> as row <paramref name="row"/> of the statement; SQLITE_OK (0) or the first failing code.</summary>
    public int BindRow(int row, in StoredFlow f)
    {
        var at = row * ColumnsPerRow;
        // Parameters are numbered from 1; SQLITE_OK is 0, so OR-ing the results shows whether any bind failed.
        return Integer(at + 1, f.FirstNs)
               | Integer(at + 2, f.LastNs)
               | Address(at + 3, f.SrcIp)
               | Address(at + 4, f.DstIp)
               | Integer(at + 5, f.SrcPort)
               | Integer(at + 6, f.DstPort)
               | Integer(at + 7, f.Protocol)
               | Integer(at + 8, f.Vlan)
               | Integer(at + 9, f.PacketsFwd)
               | Integer(at + 10, f.BytesFwd)
               | Integer(at + 11, f.PacketsRev)
               | Integer(at + 12, f.BytesRev)
               | Integer(at + 13, f.TcpFlagsFwd)
               | Integer(at + 14, f.TcpFlagsRev)
               | Text(at + 15, f.State)
               | Text(at + 16, f.EndReason)
               | Integer(at + 17, f.SamplingRate)
               | Country(at + 18, f.SrcCountry)
               | Country(at + 19, f.DstCountry)
               | Asn(at + 20, f.SrcAsn)
               | Asn(at + 21, f.DstAsn)
               | Integer(at + 22, f.SrcInside ? 1 : 0)
               | Integer(at + 23, f.DstInside ? 1 : 0)
               | (f.Exporter == IpAddress.None ? Null(at + 24) : Address(at + 24, f.Exporter));
    }

    /// <summary>Finalizes the statement (under the store's gate: it touches the connection).</summary>
    public void Dispose() => _statement.Dispose();

    private int Integer(int index, long value)
    {
        ref var bound = ref _bound[index];
        if (bound.Kind == Kind.Integer && bound.Value == value)
            return raw.SQLITE_OK;
        var rc = SqliteNative.BindInt64(_pointer, index, value);
        bound = rc == raw.SQLITE_OK ? new Bound { Kind = Kind.Integer, Value = value } : default;
        return rc;
    }

    private int Null(int index)
    {
        ref var bound = ref _bound[index];
        if (bound.Kind == Kind.Null)
            return raw.SQLITE_OK;
        var rc = SqliteNative.BindNull(_pointer, index);
        bound = rc == raw.SQLITE_OK ? new Bound { Kind = Kind.Null } : default;
        return rc;
    }

    private int Address(int index, IpAddress address)
    {
        ref var bound = ref _bound[index];
        if (bound.Kind == Kind.Address && bound.Address == address)
            return raw.SQLITE_OK;
        Span<char> chars = stackalloc char[AddressBytes];
        address.TryFormat(chars, out var length);
        var text = _addressText.AsSpan(index * AddressBytes, AddressBytes);
        Ascii.FromUtf16(chars[..length], text, out length);
        // The slot is this parameter's alone and the array is pinned for the statement's life, so SQLite may keep
        // pointing at it until the next bind of the parameter.
        var rc = SqliteNative.BindStaticText(_pointer, index, text[..length]);
        bound = rc == raw.SQLITE_OK ? new Bound { Kind = Kind.Address, Address = address } : default;
        return rc;
    }

    private int Text(int index, string? text)
    {
        if (text is null)
            return Null(index);
        ref var bound = ref _bound[index];
        // States and end reasons are a handful of constant strings: the same instance is the same value.
        if (bound.Kind == Kind.Text && ReferenceEquals(bound.Text, text))
            return raw.SQLITE_OK;
        Span<byte> utf8 = stackalloc byte[256];
        var length = text.Length <= 85 ? Encoding.UTF8.GetBytes(text, utf8) : -1;
        var rc = length >= 0 ? SqliteNative.BindText(_pointer, index, utf8[..length]) : SqliteNative.BindText(_pointer, index, Encoding.UTF8.GetBytes(text));
        bound = rc == raw.SQLITE_OK ? new Bound { Kind = Kind.Text, Text = text } : default;
        return rc;
    }

    private int Country(int index, CountryCode country)
    {
        if (country.IsNone)
            return Null(index);
        ref var bound = ref _bound[index];
        if (bound.Kind == Kind.Country && bound.Value == country.Packed)
            return raw.SQLITE_OK;
        Span<byte> utf8 = [(byte)(country.Packed >> 8), (byte)country.Packed];
        var rc = SqliteNative.BindText(_pointer, index, utf8);
        bound = rc == raw.SQLITE_OK ? new Bound { Kind = Kind.Country, Value = country.Packed } : default;
        return rc;
    }

    private int Asn(int index, uint asn) => asn == 0 ? Null(index) : Integer(index, asn);

    /// <summary>The value a parameter holds: its kind and, by kind, the integer, the address or the string.</summary>
    private struct Bound
    {
        public Kind Kind;
        public long Value;
        public IpAddress Address;
        public string? Text;
    }
}
