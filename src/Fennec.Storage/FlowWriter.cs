using System.Globalization;
using System.Text;
using SQLitePCL;

namespace Fennec.Storage;

/// <summary>
/// Inserts flow rows for one run and sensor: <see cref="Add"/> copies the row into a buffer, and a full buffer (or
/// <see cref="Flush"/>, or <see cref="Dispose"/>) inserts it in one transaction through prepared statements that
/// take many rows each, bound straight from the struct (see <see cref="FlowInsertStatement"/>: values already bound
/// are not bound again), so nothing is allocated per row. Single-threaded; writers of the same store may live on
/// different threads.
/// </summary>
public sealed class FlowWriter : IDisposable
{
    /// <summary>Rows per INSERT statement: fewer steps through SQLite's VM per row, well under its 32,766 variables.</summary>
    internal const int DefaultRowsPerStatement = 64;

    private const int ColumnsPerRow = FlowInsertStatement.ColumnsPerRow;

    private static readonly string[] Columns =
    [
        "first_ns", "last_ns", "src_ip", "dst_ip", "src_port", "dst_port", "protocol", "vlan", "packets_fwd", "bytes_fwd",
        "packets_rev", "bytes_rev", "tcp_flags_fwd", "tcp_flags_rev", "state", "end_reason", "sampling_rate",
        "src_country", "dst_country", "src_asn", "dst_asn", "src_inside", "dst_inside", "exporter",
    ];

    private readonly FennecStore _store;
    private readonly StoredFlow[] _rows;
    private readonly int _rowsPerStatement;
    private readonly FlowInsertStatement _many;
    private readonly FlowInsertStatement _one;
    private int _count;
    private bool _disposed;

    internal FlowWriter(FennecStore store, long runId, long sensorId, int batchRows, int rowsPerStatement)
    {
        _store = store;
        RunId = runId;
        SensorId = sensorId;
        _rowsPerStatement = Math.Clamp(rowsPerStatement, 1, batchRows);
        _rows = new StoredFlow[batchRows];
        _many = new FlowInsertStatement(Prepare(_rowsPerStatement), _rowsPerStatement);
        _one = _rowsPerStatement == 1 ? _many : new FlowInsertStatement(Prepare(1), 1);
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
                        Bind(_many, r, _rows[done + r]);
                    Step(_many.Statement);
                }

                for (; done < _count; done++)
                {
                    Bind(_one, 0, _rows[done]);
                    Step(_one.Statement);
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
            // Finalizing touches the connection, which takes one thread at a time.
            lock (_store.Gate)
            {
                _many.Dispose();
                if (!ReferenceEquals(_one, _many))
                    _one.Dispose();
            }

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
        var rc = FennecStore.StepAndReset(statement);
        if (rc != raw.SQLITE_DONE)
            throw _store.Failure(rc, "insert flows");
    }

    private void Check(int rc, string what) => _store.Check(rc, what);

    private void Bind(FlowInsertStatement statement, int row, in StoredFlow flow)
    {
        var rc = statement.BindRow(row, flow);
        if (rc != raw.SQLITE_OK)
            Check(rc, "bind a flow row");
    }
}
