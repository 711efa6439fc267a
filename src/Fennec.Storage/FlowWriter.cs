using System.Globalization;
using System.Text;
using Fennec.Enrichment.Geo;
using Fennec.Packets.Decoding;
using SQLitePCL;

namespace Fennec.Storage;

/// <summary>
/// Inserts flow rows for one run and sensor: <see cref="Add"/> copies the row into a buffer, and a full buffer (or
/// <see cref="Flush"/>, or <see cref="Dispose"/>) inserts it in one transaction through prepared statements that
/// take many rows each, bound straight from the struct (addresses are formatted on the stack), so nothing is
/// allocated per row. Single-threaded; writers of the same store may live on different threads.
/// </summary>
public sealed class FlowWriter : IDisposable
{
    /// <summary>Rows per INSERT statement: fewer steps through SQLite's VM per row, well under its 32,766 variables.</summary>
    internal const int DefaultRowsPerStatement = 64;

    private const int ColumnsPerRow = 24;

    private static readonly string[] Columns =
    [
        "first_ns", "last_ns", "src_ip", "dst_ip", "src_port", "dst_port", "protocol", "vlan", "packets_fwd", "bytes_fwd",
        "packets_rev", "bytes_rev", "tcp_flags_fwd", "tcp_flags_rev", "state", "end_reason", "sampling_rate",
        "src_country", "dst_country", "src_asn", "dst_asn", "src_inside", "dst_inside", "exporter",
    ];

    private readonly FennecStore _store;
    private readonly StoredFlow[] _rows;
    private readonly int _rowsPerStatement;
    private readonly sqlite3_stmt _many;
    private readonly sqlite3_stmt _one;
    private readonly IntPtr _manyPointer;
    private readonly IntPtr _onePointer;
    private int _count;
    private bool _disposed;

    internal FlowWriter(FennecStore store, long runId, long sensorId, int batchRows, int rowsPerStatement)
    {
        _store = store;
        RunId = runId;
        SensorId = sensorId;
        _rowsPerStatement = Math.Clamp(rowsPerStatement, 1, batchRows);
        _rows = new StoredFlow[batchRows];
        _many = Prepare(_rowsPerStatement);
        _one = _rowsPerStatement == 1 ? _many : Prepare(1);
        _manyPointer = _many.DangerousGetHandle();
        _onePointer = _one.DangerousGetHandle();
    }

    /// <summary>The run the rows belong to.</summary>
    public long RunId { get; }

    /// <summary>The sensor's id in the sensors table.</summary>
    public long SensorId { get; }

    /// <summary>Rows committed to the store so far.</summary>
    public long Written { get; private set; }

    /// <summary>Rows added and not yet committed.</summary>
    public int Pending => _count;

    /// <summary>Adds a row; when the buffer is full, the buffer is inserted (which may throw <see cref="StoreException"/>).</summary>
    public void Add(in StoredFlow flow)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_count == _rows.Length)
            Flush();
        _rows[_count++] = flow;
        if (_count == _rows.Length)
            Flush();
    }

    /// <summary>
    /// Inserts every buffered row in one transaction. On failure the transaction is rolled back, the rows stay
    /// buffered, and a <see cref="StoreException"/> names the store and SQLite's reason.
    /// </summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_count == 0)
            return;
        lock (_store.Gate)
        {
            var db = _store.Handle;
            Check(raw.sqlite3_exec(db, "BEGIN IMMEDIATE"), "begin a transaction");
            try
            {
                var done = 0;
                for (; _count - done >= _rowsPerStatement; done += _rowsPerStatement)
                {
                    for (var r = 0; r < _rowsPerStatement; r++)
                        Bind(_manyPointer, r * ColumnsPerRow, _rows[done + r]);
                    Step(_many);
                }

                for (; done < _count; done++)
                {
                    Bind(_onePointer, 0, _rows[done]);
                    Step(_one);
                }

                Check(raw.sqlite3_exec(db, "COMMIT"), "commit");
            }
            catch
            {
                // SQLite may have rolled back already (a full disk, for one); then there is nothing to end.
                if (raw.sqlite3_get_autocommit(db) == 0)
                    raw.sqlite3_exec(db, "ROLLBACK");
                throw;
            }
        }

        Written += _count;
        _count = 0;
    }

    /// <summary>Inserts what is buffered and releases the statements; the store stays open.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        try
        {
            Flush();
        }
        finally
        {
            _disposed = true;
            _many.Dispose();
            if (!ReferenceEquals(_one, _many))
                _one.Dispose();
            _store.Forget(this);
        }
    }

    private sqlite3_stmt Prepare(int rows)
    {
        var sql = new StringBuilder(64 + rows * 80)
            .Append("INSERT INTO flows (run_id, sensor_id, ").AppendJoin(", ", Columns).Append(") VALUES ");
        var row = string.Create(CultureInfo.InvariantCulture, $"({RunId}, {SensorId}{string.Concat(Enumerable.Repeat(", ?", ColumnsPerRow))})");
        sql.AppendJoin(", ", Enumerable.Repeat(row, rows));
        lock (_store.Gate)
        {
            var rc = raw.sqlite3_prepare_v3(_store.Handle, sql.ToString(), raw.SQLITE_PREPARE_PERSISTENT, out var statement);
            if (rc != raw.SQLITE_OK)
            {
                statement.Dispose();
                Check(rc, "prepare the flow insert");
            }

            return statement;
        }
    }

    private void Step(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
            Check(rc, "insert flows");
    }

    private void Check(int rc, string what)
    {
        if (rc != raw.SQLITE_OK)
            throw new StoreException($"{_store.Path}: cannot {what}: {raw.sqlite3_errmsg(_store.Handle).utf8_to_string()} (SQLite code {rc})");
    }

    private void Bind(IntPtr s, int at, in StoredFlow f)
    {
        // Parameters are numbered from 1; SQLITE_OK is 0, so OR-ing the results shows whether any bind failed.
        var rc = SqliteNative.BindInt64(s, at + 1, f.FirstNs)
                 | SqliteNative.BindInt64(s, at + 2, f.LastNs)
                 | BindAddress(s, at + 3, f.SrcIp)
                 | BindAddress(s, at + 4, f.DstIp)
                 | SqliteNative.BindInt64(s, at + 5, f.SrcPort)
                 | SqliteNative.BindInt64(s, at + 6, f.DstPort)
                 | SqliteNative.BindInt64(s, at + 7, f.Protocol)
                 | SqliteNative.BindInt64(s, at + 8, f.Vlan)
                 | SqliteNative.BindInt64(s, at + 9, f.PacketsFwd)
                 | SqliteNative.BindInt64(s, at + 10, f.BytesFwd)
                 | SqliteNative.BindInt64(s, at + 11, f.PacketsRev)
                 | SqliteNative.BindInt64(s, at + 12, f.BytesRev)
                 | SqliteNative.BindInt64(s, at + 13, f.TcpFlagsFwd)
                 | SqliteNative.BindInt64(s, at + 14, f.TcpFlagsRev)
                 | BindText(s, at + 15, f.State)
                 | BindText(s, at + 16, f.EndReason)
                 | SqliteNative.BindInt64(s, at + 17, f.SamplingRate)
                 | BindCountry(s, at + 18, f.SrcCountry)
                 | BindCountry(s, at + 19, f.DstCountry)
                 | BindAsn(s, at + 20, f.SrcAsn)
                 | BindAsn(s, at + 21, f.DstAsn)
                 | SqliteNative.BindInt64(s, at + 22, f.SrcInside ? 1 : 0)
                 | SqliteNative.BindInt64(s, at + 23, f.DstInside ? 1 : 0)
                 | (f.Exporter == IpAddress.None ? SqliteNative.BindNull(s, at + 24) : BindAddress(s, at + 24, f.Exporter));
        if (rc != raw.SQLITE_OK)
            Check(rc, "bind a flow row");
    }

    private static int BindAddress(IntPtr s, int index, IpAddress address)
    {
        Span<char> chars = stackalloc char[48];
        Span<byte> utf8 = stackalloc byte[48];
        address.TryFormat(chars, out var length);
        System.Text.Ascii.FromUtf16(chars[..length], utf8, out length);
        return SqliteNative.BindText(s, index, utf8[..length]);
    }

    private static int BindText(IntPtr s, int index, string? text)
    {
        if (text is null)
            return SqliteNative.BindNull(s, index);
        Span<byte> utf8 = stackalloc byte[256];
        var length = text.Length <= 85 ? Encoding.UTF8.GetBytes(text, utf8) : -1;
        return length >= 0 ? SqliteNative.BindText(s, index, utf8[..length]) : SqliteNative.BindText(s, index, Encoding.UTF8.GetBytes(text));
    }

    private static int BindCountry(IntPtr s, int index, CountryCode country)
    {
        if (country.IsNone)
            return SqliteNative.BindNull(s, index);
        Span<byte> utf8 = [(byte)(country.Packed >> 8), (byte)country.Packed];
        return SqliteNative.BindText(s, index, utf8);
    }

    private static int BindAsn(IntPtr s, int index, uint asn) =>
        asn == 0 ? SqliteNative.BindNull(s, index) : SqliteNative.BindInt64(s, index, asn);
}
