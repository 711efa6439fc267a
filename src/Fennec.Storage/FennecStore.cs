using System.Globalization;
using Fennec.Storage.Schema;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Fennec.Storage;

/// <summary>
/// Fennec's embedded store: one SQLite file (WAL mode) holding runs, sensors, flows, hosts, rollups, detector scores,
/// incidents and model snapshots, readable with the <c>sqlite3</c> shell (see <see cref="Schema.Migrations"/> for
/// the conventions). Each run appends; nothing an earlier run wrote is changed. One connection, one writer at a
/// time: the write methods and <see cref="FlowWriter"/> batches take a lock, so several threads may write, each
/// waiting for the others' transactions.
/// </summary>
public sealed partial class FennecStore : IDisposable
{
    private static readonly Lazy<bool> NativeReady = new(() =>
    {
        Batteries_V2.Init();
        // The bundled SQLite serializes every call on a connection mutex and counts every allocation under another;
        // a flow row took about 50 of those lock pairs. Every connection here is used by one thread at a time (the
        // store's gate, and ADO.NET's own rule), which is SQLite's multi-thread mode. The settings are process-wide
        // and only take before SQLite initializes: if something initialized it first, they are refused (harmlessly).
        raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD);
        raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    });

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly List<FlowWriter> _writers = [];
    private BackgroundCheckpointer? _checkpointer;
    private bool _disposed;

    private FennecStore(string path, StoreOptions options, SqliteConnection connection)
    {
        Path = path;
        Options = options;
        _connection = connection;
    }

    /// <summary>The file the store lives in, as given to <see cref="Open"/>.</summary>
    public string Path { get; }

    /// <summary>The options the store was opened with.</summary>
    public StoreOptions Options { get; }

    /// <summary>The schema version (PRAGMA user_version) after migration: always <see cref="LatestSchemaVersion"/>.</summary>
    public int SchemaVersion { get; private set; }

    /// <summary>The schema version this code creates and understands.</summary>
    public static int LatestSchemaVersion => Migrations.Latest;

    /// <summary>
    /// Opens the store at <paramref name="path"/>, creating it or migrating it to <see cref="LatestSchemaVersion"/>.
    /// Throws <see cref="StoreException"/>, naming the path and the cause, when the file cannot be created or
    /// written, is not a SQLite database or not a fennec store, or has a newer schema than this code knows.
    /// </summary>
    public static FennecStore Open(string path, StoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new StoreOptions();
        _ = NativeReady.Value;
        StorePath.Check(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // A pooled connection would keep the file (and its WAL) open after Dispose.
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var store = new FennecStore(path, options, connection);
            store.Prepare();
            return store;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new StoreException(Describe(path, e), e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Flushes and closes every flow writer still open, then closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            foreach (var writer in _writers.ToArray())
                writer.Dispose();
        }
        finally
        {
            // The checkpoint connection goes first, so the store's close (the last connection) checkpoints the rest.
            _checkpointer?.Dispose();
            _connection.Dispose();
        }
    }

    /// <summary>
    /// With <see cref="StoreOptions.CheckpointInBackground"/>: the first error of the background checkpoints (the
    /// log is then copied back only when the store closes, and grows meanwhile); null otherwise.
    /// </summary>
    public StoreException? CheckpointFailure => _checkpointer?.Failure;

    /// <summary>With <see cref="StoreOptions.CheckpointInBackground"/>: background passes that copied log frames into the file.</summary>
    public long BackgroundCheckpoints => _checkpointer?.Checkpoints ?? 0;

    internal sqlite3 Handle => _connection.Handle!;

    /// <summary>A <see cref="StoreException"/> naming the store, what was being done and SQLite's reason for <paramref name="rc"/>.</summary>
    internal StoreException Failure(int rc, string what) =>
        new($"{Path}: cannot {what}: {raw.sqlite3_errmsg(Handle).utf8_to_string()} (SQLite code {rc})");

    /// <summary>Throws <see cref="Failure"/> unless <paramref name="rc"/> is SQLITE_OK.</summary>
    internal void Check(int rc, string what)
    {
        if (rc != raw.SQLITE_OK)
            throw Failure(rc, what);
    }

    /// <summary>Steps a prepared insert once and resets it for the next row; SQLITE_DONE (101) when the row went in.</summary>
    internal static int StepAndReset(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        return rc;
    }

    internal Lock Gate => _gate;

    internal void Forget(FlowWriter writer)
    {
        lock (_gate)
            _writers.Remove(writer);
    }

    private void Prepare()
    {
        if (raw.sqlite3_db_readonly(Handle, "main") == 1)
            throw new StoreException($"cannot write the store {Path}: the file is read-only");
        var applicationId = Scalar<long>("PRAGMA application_id");
        var version = (int)Scalar<long>("PRAGMA user_version");
        if (applicationId != 0 && applicationId != Migrations.ApplicationId)
            throw new StoreException($"{Path} is not a fennec store: it is a SQLite database of another application (application_id {applicationId})");
        if (version > Migrations.Latest)
            throw new StoreException($"{Path}: schema version {version} is newer than this fennec ({Migrations.Latest}); open it with a newer fennec or choose another file");
        if (applicationId == 0 && version == 0 && Scalar<long>("SELECT count(*) FROM sqlite_schema") > 0)
            throw new StoreException($"{Path} is not a fennec store: it is a SQLite database with tables of its own");

        // WAL lets readers (the sqlite3 shell, a report) look while a run writes; NORMAL syncs at checkpoints only.
        Scalar<string>("PRAGMA journal_mode = WAL");
        Execute(Options.Durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
        Execute($"PRAGMA busy_timeout = {(long)Options.BusyTimeout.TotalMilliseconds}");
        Execute("PRAGMA temp_store = MEMORY");
        // 64 MiB of page cache (SQLite's default is 2 MB): bulk flow inserts touch the index all over, and with the
        // small cache they read pages back from the file; 6% less CPU a row for collected flows.
        Execute("PRAGMA cache_size = -65536");
        // Every checkpoint syncs the WAL and the file; at SQLite's default (4 MiB of WAL) a bulk load of flows spent
        // more time waiting for the disk than inserting. 64 MiB between checkpoints, and the WAL cut back after one.
        Execute(Options.CheckpointInBackground ? "PRAGMA wal_autocheckpoint = 0" : "PRAGMA wal_autocheckpoint = 16384");
        Execute("PRAGMA journal_size_limit = 67108864");
        // The bundled SQLite enforces foreign keys by default, which costs two lookups per flow row. Only this code
        // writes the ids (runs and sensors it created itself), so the REFERENCES clauses document the links and
        // `PRAGMA foreign_key_check` in the sqlite3 shell verifies them.
        Execute("PRAGMA foreign_keys = OFF");
        Migrate();
        SchemaVersion = (int)Scalar<long>("PRAGMA user_version");
        if (Options.CheckpointInBackground)
            _checkpointer = new BackgroundCheckpointer(Path, TimeSpan.FromMilliseconds(200));
    }

    private void Migrate()
    {
        foreach (var step in Migrations.All)
        {
            // Each step is one transaction that also sets the version: a crash leaves the store at a whole step.
            Execute("BEGIN IMMEDIATE");
            try
            {
                // Read inside the write lock, so two processes opening a new store do not both run a step.
                if (Scalar<long>("PRAGMA user_version") >= step.Version)
                {
                    Execute("COMMIT");
                    continue;
                }

                Execute(step.Sql);
                Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {Migrations.ApplicationId}"));
                Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {step.Version}"));
                Execute("COMMIT");
            }
            catch (SqliteException e)
            {
                Rollback();
                throw new StoreException($"{Path}: migration to schema version {step.Version} ({step.Description}) failed: {e.Message}", e);
            }
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Ends a failed transaction; SQLite may already have rolled it back (a full disk, for one), which is no error.</summary>
    private void Rollback()
    {
        if (raw.sqlite3_get_autocommit(Handle) == 0)
            Execute("ROLLBACK");
    }

    private T Scalar<T>(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    private static string Describe(string path, SqliteException e) => e.SqliteErrorCode switch
    {
        raw.SQLITE_NOTADB => $"{path} is not a fennec store: it is not a SQLite database ({e.Message})",
        raw.SQLITE_READONLY => $"cannot write the store {path}: it is read-only ({e.Message})",
        raw.SQLITE_CANTOPEN or raw.SQLITE_PERM or raw.SQLITE_AUTH =>
            $"cannot open the store {path}: {e.Message} (is the file and its directory writable?)",
        raw.SQLITE_FULL => $"cannot write the store {path}: the disk is full",
        _ => $"cannot open the store {path}: {e.Message}",
    };
}
