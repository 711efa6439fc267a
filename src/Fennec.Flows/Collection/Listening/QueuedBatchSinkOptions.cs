namespace Fennec.Flows.Collection.Listening;

/// <summary>How a <see cref="QueuedBatchSink"/> buffers records between the receive loops and its consumer thread.</summary>
public sealed record QueuedBatchSinkOptions
{
    /// <summary>Records per batch: the unit handed to the target sink and recycled (several datagrams' worth).</summary>
    public int BatchRecords { get; init; } = 4096;

    /// <summary>
    /// The most records queued (in batches of <see cref="BatchRecords"/>, allocated as needed and then reused): once
    /// reached, receive loops wait for the consumer and datagrams wait in the socket buffer. The default holds about
    /// half a second at 500,000 records a second (about 50 MB).
    /// </summary>
    public int MaxQueuedRecords { get; init; } = 262_144;

    /// <summary>
    /// The longest the consumer goes without calling the idle callback (a commit) while records keep coming; it also
    /// calls it whenever the queue runs dry.
    /// </summary>
    public TimeSpan IdleInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}
