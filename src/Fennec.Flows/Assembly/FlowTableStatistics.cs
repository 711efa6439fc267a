namespace Fennec.Flows.Assembly;

/// <summary>What the flow table has done, for operators and tests: nothing it drops or cuts goes uncounted.</summary>
public sealed class FlowTableStatistics
{
    /// <summary>Packets added.</summary>
    public long Packets { get; internal set; }

    /// <summary>Wire bytes added.</summary>
    public long Bytes { get; internal set; }

    /// <summary>Flows created.</summary>
    public long FlowsCreated { get; internal set; }

    /// <summary>Records emitted (a flow cut by the active timeout emits several).</summary>
    public long RecordsEmitted { get; internal set; }

    /// <summary>Records emitted because a flow lasted the active timeout.</summary>
    public long ActiveTimeouts { get; internal set; }

    /// <summary>Flows evicted because the table reached its memory bound.</summary>
    public long Evicted { get; internal set; }

    /// <summary>Packets older than the newest seen (concatenated or reordered captures); counted into their flow.</summary>
    public long TimeWentBack { get; internal set; }

    /// <summary>
    /// Jumps back in time by more than the idle timeout (a capture concatenated after a later one): each ends the flows
    /// held, as at the end of input, and restarts the clock at the new time.
    /// </summary>
    public long ClockResets { get; internal set; }

    /// <summary>Packets identical to the one before in their direction (same time, length and TCP sequence).</summary>
    public long Duplicates { get; internal set; }

    /// <summary>The most flows held at once.</summary>
    public int PeakFlows { get; internal set; }

    /// <summary>The flow capacity the memory bound allows.</summary>
    public int MaxFlows { get; internal set; }

    /// <summary>
    /// The counters of one table that went through several tables' inputs one after the other, each starting where
    /// the one before held no flow: counts summed, the peak the largest, the capacity the first's.
    /// </summary>
    public static FlowTableStatistics Concatenate(IReadOnlyList<FlowTableStatistics> parts)
    {
        var sum = Sum(parts);
        sum.PeakFlows = parts.Count == 0 ? 0 : parts.Max(p => p.PeakFlows);
        sum.MaxFlows = parts.Count == 0 ? 0 : parts[0].MaxFlows;
        return sum;
    }

    /// <summary>The sum of several partitions' counters (the peak is the sum of the partitions' peaks).</summary>
    public static FlowTableStatistics Sum(IEnumerable<FlowTableStatistics> parts)
    {
        var sum = new FlowTableStatistics();
        foreach (var s in parts)
        {
            sum.Packets += s.Packets;
            sum.Bytes += s.Bytes;
            sum.FlowsCreated += s.FlowsCreated;
            sum.RecordsEmitted += s.RecordsEmitted;
            sum.ActiveTimeouts += s.ActiveTimeouts;
            sum.Evicted += s.Evicted;
            sum.TimeWentBack += s.TimeWentBack;
            sum.ClockResets += s.ClockResets;
            sum.Duplicates += s.Duplicates;
            sum.PeakFlows += s.PeakFlows;
            sum.MaxFlows += s.MaxFlows;
        }

        return sum;
    }
}
