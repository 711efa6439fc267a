namespace Fennec.Flows.Assembly;

/// <summary>How the flow table expires and bounds its flows. Times are capture time.</summary>
public sealed record FlowTableOptions
{
    /// <summary>A flow with no packet for this long ends (default 120 s, as nfstream's idle timeout).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>A flow older than this is cut into a new record (default 1800 s, as nfstream and softflowd).</summary>
    public TimeSpan ActiveTimeout { get; init; } = TimeSpan.FromSeconds(1800);

    /// <summary>How long a TCP flow waits after FIN from both sides or a RST, for stragglers (default 5 s).</summary>
    public TimeSpan CloseLinger { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The memory the table may use for flow state (default 512 MiB). It starts small and grows by itself; at the
    /// bound the least recently seen flow is evicted and counted.
    /// </summary>
    public long MemoryBound { get; init; } = 512L << 20;

    /// <summary>Checks the options; throws with the name of the bad one.</summary>
    public void Validate()
    {
        if (IdleTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), IdleTimeout, "the idle timeout must be positive");
        if (ActiveTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ActiveTimeout), ActiveTimeout, "the active timeout must be positive");
        if (CloseLinger < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(CloseLinger), CloseLinger, "the close linger cannot be negative");
        if (MemoryBound < 1 << 20)
            throw new ArgumentOutOfRangeException(nameof(MemoryBound), MemoryBound, "the memory bound must be at least 1 MiB");
    }
}
