namespace Fennec.Storage;

/// <summary>How a <see cref="FennecStore"/> writes.</summary>
public sealed record StoreOptions
{
    /// <summary>Rows a <see cref="FlowWriter"/> buffers before inserting them in one transaction.</summary>
    public int FlowBatchRows { get; init; } = 32_768;

    /// <summary>
    /// SQLite's synchronous setting: NORMAL (the default) survives a process crash and, in WAL mode, loses at most
    /// the last transactions on a power cut; FULL survives that too, at a cost per commit.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>
    /// Checkpoint on a thread and connection of the store's own instead of in the committing writer, so bulk
    /// inserts (a collector's) never wait for the log to be copied back and synced. The log may grow larger while
    /// inserts outpace the copying.
    /// </summary>
    public bool CheckpointInBackground { get; init; }

    /// <summary>How long a writer waits for another process's lock before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
