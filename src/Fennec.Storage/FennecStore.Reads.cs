using Fennec.Packets.Decoding;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Fennec.Storage;

public sealed partial class FennecStore
{
    /// <summary>Every run, oldest first.</summary>
    public IReadOnlyList<StoredRun> ListRuns() => Read(
        """
        SELECT id, command, inputs, started_at, fennec_version, options, status, packets, flows,
               capture_first_ns, capture_last_ns, finished_at
        FROM runs ORDER BY id
        """,
        [],
        r => new StoredRun(
            r.GetInt64(0),
            new RunInfo(r.GetString(1), StoreText.JsonList(r.GetString(2)), StoreText.Time(r.GetString(3)), r.GetString(4), r.GetString(5)),
            r.IsDBNull(11)
                ? null
                : new RunSummary(r.GetString(6), r.GetInt64(7), r.GetInt64(8), NullableInt64(r, 9), NullableInt64(r, 10), StoreText.Time(r.GetString(11)))));

    /// <summary>Flow rows stored for a run.</summary>
    public long CountFlows(long runId) => ReadFlowTotals(runId).Flows;

    /// <summary>Flow rows, packets and bytes (both directions) stored for a run.</summary>
    public FlowTotals ReadFlowTotals(long runId) => Read(
        "SELECT count(*), coalesce(sum(packets_fwd + packets_rev), 0), coalesce(sum(bytes_fwd + bytes_rev), 0) FROM flows WHERE run_id = $0",
        [runId],
        r => new FlowTotals(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)))[0];

    /// <summary>The first packet of a run's earliest flow and the last packet of its latest (Unix ns), or null when it has no flows.</summary>
    public (long FirstNs, long LastNs)? ReadFlowSpan(long runId) => Read(
        "SELECT min(first_ns), max(last_ns) FROM flows WHERE run_id = $0",
        [runId],
        r => r.IsDBNull(0) ? ((long, long)?)null : (r.GetInt64(0), r.GetInt64(1)))[0];

    /// <summary>A run's flows, in the order they were written (for tests and exports; the report reads rollups).</summary>
    public IReadOnlyList<StoredFlow> ReadFlows(long runId)
    {
        var rows = new List<StoredFlow>();
        StreamFlows(runId, "rowid", (in StoredFlow flow) => rows.Add(flow));
        return rows;
    }

    /// <summary>
    /// Streams a run's flows in order of first packet (through the run/time index, so memory stays flat however many
    /// rows the run holds) to <paramref name="visit"/>, which must not call back into this store. Rows are read
    /// straight from SQLite's buffers (no per-row allocation for IPv4 rows). Returns the rows read.
    /// </summary>
    public long ReadFlowsByTime(long runId, FlowRowVisitor visit) => StreamFlows(runId, "first_ns", visit);

    private long StreamFlows(long runId, string orderBy, FlowRowVisitor visit)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_gate)
        {
            var rc = raw.sqlite3_prepare_v2(Handle, $"{FlowSelect} ORDER BY {orderBy}", out var statement);
            using (statement)
            {
                if (rc != raw.SQLITE_OK)
                    throw ReadFailure(runId, rc);
                raw.sqlite3_bind_int64(statement, 1, runId);
                var s = statement.DangerousGetHandle();
                long rows = 0;
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    var flow = FlowRows.Read(s, Path);
                    visit(flow);
                    rows++;
                }

                return rc == raw.SQLITE_DONE ? rows : throw ReadFailure(runId, rc);
            }
        }
    }

    private StoreException ReadFailure(long runId, int rc) => Failure(rc, $"read the flows of run {runId}");

    private const string FlowSelect = """
        SELECT first_ns, last_ns, src_ip, dst_ip, src_port, dst_port, protocol, vlan, packets_fwd, bytes_fwd,
               packets_rev, bytes_rev, tcp_flags_fwd, tcp_flags_rev, state, end_reason, sampling_rate, src_country,
               dst_country, src_asn, dst_asn, src_inside, dst_inside, exporter
        FROM flows WHERE run_id = $0
        """;

    /// <summary>The names of the sensors that reported flows for a run.</summary>
    public IReadOnlyList<string> ReadSensors(long runId) => Read(
        "SELECT name FROM sensors WHERE id IN (SELECT DISTINCT sensor_id FROM flows WHERE run_id = $0) ORDER BY name",
        [runId],
        r => r.GetString(0));

    /// <summary>A run's hosts, by address.</summary>
    public IReadOnlyList<StoredHost> ReadHosts(long runId) => Read(
        """
        SELECT ip, inside, country, asn, first_ns, last_ns, bytes_out, bytes_in, packets_out, packets_in, flows_out,
               flows_in, peers
        FROM hosts WHERE run_id = $0 ORDER BY ip
        """,
        [runId],
        r => new StoredHost(
            IpAddress.Parse(r.GetString(0)), r.GetInt64(1) != 0, StoreText.Country(NullableString(r, 2)), (uint)(NullableInt64(r, 3) ?? 0),
            r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetInt64(10),
            r.GetInt64(11), r.GetInt64(12)));

    /// <summary>A run's rollups of one granularity and dimension, by bucket, then key and direction.</summary>
    public IReadOnlyList<StoredRollup> ReadRollups(long runId, RollupGranularity granularity, RollupDimension dimension) => Read(
        """
        SELECT granularity, bucket_ns, dimension, key, direction, bytes, packets, flows, distinct_peers
        FROM rollups WHERE run_id = $0 AND granularity = $1 AND dimension = $2
        ORDER BY bucket_ns, key, direction
        """,
        [runId, StoreText.Of(granularity), StoreText.Of(dimension)],
        r => new StoredRollup(
            StoreText.Granularity(r.GetString(0)), r.GetInt64(1), StoreText.Dimension(r.GetString(2)), r.GetString(3),
            StoreText.Direction(r.GetString(4)), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8)));

    /// <summary>A run's scores, by detector and time.</summary>
    public IReadOnlyList<StoredScore> ReadScores(long runId) => Read(
        "SELECT detector, ns, key, score, threshold FROM scores WHERE run_id = $0 ORDER BY detector, ns, rowid",
        [runId],
        r => new StoredScore(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetDouble(3), r.GetDouble(4)));

    /// <summary>A run's incidents, by id.</summary>
    public IReadOnlyList<StoredIncident> ReadIncidents(long runId) => Read(
        """
        SELECT id, first_ns, last_ns, severity, kind, host, peer, title, explanation, shown, evidence
        FROM incidents WHERE run_id = $0 ORDER BY id
        """,
        [runId],
        r => new StoredIncident(
            r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetDouble(3), r.GetString(4), r.GetString(5), NullableString(r, 6),
            r.GetString(7), r.GetString(8), r.GetInt64(9) != 0, r.GetString(10)));

    /// <summary>The last snapshot of a model stored for a run, or null.</summary>
    public byte[]? ReadModelSnapshot(long runId, string name) => Read(
        "SELECT data FROM model_snapshots WHERE run_id = $0 AND name = $1 ORDER BY id DESC LIMIT 1",
        [runId, name],
        r => (byte[])r.GetValue(0)).FirstOrDefault();

    private List<T> Read<T>(string sql, object?[] values, Func<SqliteDataReader, T> map)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_gate)
        {
            try
            {
                using var command = Command(sql, values);
                using var reader = command.ExecuteReader();
                var rows = new List<T>();
                while (reader.Read())
                    rows.Add(map(reader));
                return rows;
            }
            catch (SqliteException e)
            {
                throw new StoreException($"{Path}: cannot read: {e.Message}", e);
            }
        }
    }

    private static string? NullableString(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static long? NullableInt64(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);
}
