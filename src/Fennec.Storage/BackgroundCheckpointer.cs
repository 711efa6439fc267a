using SQLitePCL;

namespace Fennec.Storage;

/// <summary>
/// Copies the write-ahead log back into the database file on a thread and connection of its own, so the store's
/// writer never waits for a checkpoint: neither for copying the pages nor for the two syncs (log, then file) that
/// synchronous=NORMAL makes at each. A checkpoint in WAL mode runs beside a writer (PASSIVE: it takes the frames
/// committed when it starts and never waits for a lock), and the writer starts the log over once all of it has been
/// copied. Errors are kept in <see cref="Failure"/>; a busy database is no error (the next pass catches up).
/// </summary>
internal sealed class BackgroundCheckpointer : IDisposable
{
    private readonly string _path;
    private readonly sqlite3 _db;
    private readonly TimeSpan _interval;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;

    /// <summary>Opens a second connection to the store's file and starts checkpointing every <paramref name="interval"/>.</summary>
    public BackgroundCheckpointer(string path, TimeSpan interval)
    {
        _path = path;
        _interval = interval;
        var rc = raw.sqlite3_open_v2(path, out _db, raw.SQLITE_OPEN_READWRITE, null);
        if (rc != raw.SQLITE_OK)
        {
            var message = _db is null ? $"SQLite code {rc}" : raw.sqlite3_errmsg(_db).utf8_to_string();
            _db?.Dispose();
            throw new StoreException($"{path}: cannot open a checkpoint connection: {message}");
        }

        raw.sqlite3_exec(_db, "PRAGMA synchronous = NORMAL");
        _thread = new Thread(Run) { IsBackground = true, Name = "store checkpoint" };
        _thread.Start();
    }

    /// <summary>The first checkpoint error (the log then keeps growing; nothing is lost); null while all is well.</summary>
    public StoreException? Failure { get; private set; }

    /// <summary>Passes that copied frames into the file.</summary>
    public long Checkpoints { get; private set; }

    /// <summary>Stops the thread after its current pass and closes its connection (the store's own close checkpoints the rest).</summary>
    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _db.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.Wait(_interval))
        {
            var rc = raw.sqlite3_wal_checkpoint_v2(_db, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out var logFrames, out var copied);
            if (rc == raw.SQLITE_OK && copied > 0)
                Checkpoints++;
            else if (rc != raw.SQLITE_OK && rc != raw.SQLITE_BUSY && rc != raw.SQLITE_LOCKED && Failure is null)
                Failure = new StoreException($"{_path}: checkpoint failed: {raw.sqlite3_errmsg(_db).utf8_to_string()} (SQLite code {rc}, {logFrames} frames in the log)");
        }
    }
}
