using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Fennec.Storage;

public sealed partial class FennecStore
{
    private static readonly string[] HostColumns =
    [
        "ip", "inside", "country", "asn", "first_ns", "last_ns", "bytes_out", "bytes_in", "packets_out", "packets_in",
        "flows_out", "flows_in", "peers",
    ];

    private static readonly string[] RollupColumns =
        ["granularity", "bucket_ns", "dimension", "key", "direction", "bytes", "packets", "flows", "distinct_peers"];

    private static readonly string[] ScoreColumns = ["detector", "ns", "key", "score", "threshold"];

    private static readonly string[] IncidentColumns =
        ["id", "first_ns", "last_ns", "severity", "kind", "host", "peer", "title", "explanation", "shown", "evidence"];

    /// <summary>Records the start of a run and returns its id; its status is "running" until <see cref="FinishRun"/>.</summary>
    public long BeginRun(RunInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return Write("the run", () => Query(
            "INSERT INTO runs (command, inputs, started_at, fennec_version, options) VALUES ($0, $1, $2, $3, $4) RETURNING id",
            info.Command, StoreText.JsonList(info.Inputs), StoreText.Time(info.StartedAt), info.FennecVersion, info.OptionsJson));
    }

    /// <summary>Records how a run ended.</summary>
    public void FinishRun(long runId, RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var changed = Write("the run's summary", () => Change(
            "UPDATE runs SET status = $1, packets = $2, flows = $3, capture_first_ns = $4, capture_last_ns = $5, finished_at = $6 WHERE id = $0",
            runId, summary.Status, summary.Packets, summary.Flows, summary.CaptureFirstNs, summary.CaptureLastNs, StoreText.Time(summary.FinishedAt)));
        if (changed == 0)
            throw new StoreException($"{Path}: there is no run {runId} to finish");
    }

    /// <summary>
    /// A writer of flow rows for one run and sensor (the sensor's row is created the first time its name is seen).
    /// Dispose it to store what it still buffers; disposing the store does that too.
    /// </summary>
    public FlowWriter CreateFlowWriter(long runId, string sensor) => CreateFlowWriter(runId, sensor, FlowWriter.DefaultRowsPerStatement);

    internal FlowWriter CreateFlowWriter(long runId, string sensor, int rowsPerStatement)
    {
        ArgumentException.ThrowIfNullOrEmpty(sensor);
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_gate)
        {
            var sensorId = Write("the sensor", () =>
            {
                Change("INSERT INTO sensors (name, first_run_id) VALUES ($0, $1) ON CONFLICT (name) DO NOTHING", sensor, runId);
                return Query("SELECT id FROM sensors WHERE name = $0", sensor);
            });
            var writer = new FlowWriter(this, runId, sensorId, Math.Max(1, Options.FlowBatchRows), rowsPerStatement);
            _writers.Add(writer);
            return writer;
        }
    }

    /// <summary>Stores a run's hosts, in one transaction.</summary>
    public void WriteHosts(long runId, IEnumerable<StoredHost> hosts) =>
        InsertMany("hosts", runId, HostColumns, hosts, h =>
        [
            h.Ip.ToString(), h.Inside, StoreText.Country(h.Country), h.Asn == 0 ? null : h.Asn, h.FirstNs, h.LastNs,
            h.BytesOut, h.BytesIn, h.PacketsOut, h.PacketsIn, h.FlowsOut, h.FlowsIn, h.Peers,
        ]);

    /// <summary>Stores a run's rollups, in one transaction.</summary>
    public void WriteRollups(long runId, IEnumerable<StoredRollup> rollups) =>
        InsertMany("rollups", runId, RollupColumns, rollups, r =>
        [
            StoreText.Of(r.Granularity), r.BucketNs, StoreText.Of(r.Dimension), r.Key, StoreText.Of(r.Direction),
            r.Bytes, r.Packets, r.Flows, r.DistinctPeers,
        ]);

    /// <summary>Stores detector scores, in one transaction.</summary>
    public void WriteScores(long runId, IEnumerable<StoredScore> scores) =>
        InsertMany("scores", runId, ScoreColumns, scores, s => [s.Detector, s.Ns, s.Key, s.Score, s.Threshold]);

    /// <summary>Stores incidents, in one transaction; an id already stored for the run is an error.</summary>
    public void WriteIncidents(long runId, IEnumerable<StoredIncident> incidents) =>
        InsertMany("incidents", runId, IncidentColumns, incidents, i =>
        [
            i.Id, i.FirstNs, i.LastNs, i.Severity, i.Kind, i.Host, i.Peer, i.Title, i.Explanation, i.Shown, i.EvidenceJson,
        ]);

    /// <summary>Stores a model's serialised state (a detector, a baseline) as of the end of a run.</summary>
    public void WriteModelSnapshot(long runId, string name, string kind, ReadOnlySpan<byte> blob)
    {
        var bytes = blob.ToArray();
        Write("the model snapshot", () => Change(
            "INSERT INTO model_snapshots (run_id, name, kind, size, data) VALUES ($0, $1, $2, $3, $4)",
            runId, name, kind, bytes.Length, bytes));
    }

    /// <summary>Runs <paramref name="body"/> in one write transaction under the store's lock; SQLite errors become <see cref="StoreException"/>.</summary>
    internal T Write<T>(string what, Func<T> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_gate)
        {
            try
            {
                Execute("BEGIN IMMEDIATE");
            }
            catch (SqliteException e)
            {
                throw new StoreException($"{Path}: cannot write {what}: {e.Message}", e);
            }

            try
            {
                var result = body();
                Execute("COMMIT");
                return result;
            }
            catch (Exception e)
            {
                Rollback();
                if (e is SqliteException sqlite)
                    throw new StoreException($"{Path}: cannot write {what}: {sqlite.Message}", sqlite);
                throw;
            }
        }
    }

    private void InsertMany<T>(string table, long runId, string[] columns, IEnumerable<T> rows, Func<T, object?[]> values)
    {
        ArgumentNullException.ThrowIfNull(rows);
        // One prepared statement bound by position through SQLite's C API: Microsoft.Data.Sqlite looks every
        // parameter up by name on every execution, which made writing a run's 160,000 hosts take a second.
        var sql = $"INSERT INTO {table} (run_id, {string.Join(", ", columns)}) VALUES (?1, {string.Join(", ", columns.Select((_, i) => $"?{i + 2}"))})";
        Write(table, () =>
        {
            var rc = raw.sqlite3_prepare_v2(Handle, sql, out var statement);
            using (statement)
            {
                Check(rc, $"write {table}: prepare the insert");
                var pointer = statement.DangerousGetHandle();
                Check(SqliteNative.BindInt64(pointer, 1, runId), $"write {table}: bind the run");
                var scratch = new byte[256];
                var written = 0L;
                foreach (var row in rows)
                {
                    var cells = values(row);
                    for (var i = 0; i < cells.Length; i++)
                    {
                        rc = CellBinding.Bind(pointer, i + 2, cells[i], ref scratch);
                        if (rc != raw.SQLITE_OK)
                            throw Failure(rc, $"write {table}: bind {columns[i]} of row {written}");
                    }

                    rc = StepAndReset(statement);
                    if (rc != raw.SQLITE_DONE)
                        throw Failure(rc, $"write {table}: insert row {written}");
                    written++;
                }
            }

            return 0;
        });
    }

    /// <summary>Runs one statement with positional parameters $0, $1... and returns the rows it changed.</summary>
    private int Change(string sql, params object?[] values)
    {
        using var command = Command(sql, values);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs one query with positional parameters $0, $1... and returns its first value.</summary>
    private long Query(string sql, params object?[] values)
    {
        using var command = Command(sql, values);
        return command.ExecuteScalar() is long value ? value : throw new StoreException($"{Path}: '{sql}' returned no row");
    }

    private SqliteCommand Command(string sql, object?[] values)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
            command.Parameters.AddWithValue($"${i}", values[i] ?? DBNull.Value);
        return command;
    }
}
