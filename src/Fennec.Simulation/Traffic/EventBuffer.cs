namespace Fennec.Simulation.Traffic;

/// <summary>
/// The packets generated but not yet written: one hour's sessions plus what earlier sessions left for later. Sorted
/// by (time, position) before writing, a total order, so the result does not depend on the sorting algorithm.
/// </summary>
internal sealed class EventBuffer
{
    private PacketEvent[] _events = new PacketEvent[1 << 16];
    private PacketEvent[] _spare = new PacketEvent[1 << 16];
    private SortKey[] _keys = new SortKey[1 << 16];

    /// <summary>Events held.</summary>
    public int Count { get; private set; }

    /// <summary>The events held, in the order added or, after <see cref="Sort"/>, by time.</summary>
    public ReadOnlySpan<PacketEvent> Events => _events.AsSpan(0, Count);

    /// <summary>A new event at the end, zeroed but for what the caller sets.</summary>
    public ref PacketEvent Add()
    {
        if (Count == _events.Length)
            Array.Resize(ref _events, _events.Length * 2);
        ref var e = ref _events[Count++];
        e = default;
        return ref e;
    }

    /// <summary>Sorts the events by time; ties keep the order they were added in.</summary>
    public void Sort()
    {
        var count = Count;
        if (_keys.Length < count)
            _keys = new SortKey[_events.Length];
        if (_spare.Length < count)
            _spare = new PacketEvent[_events.Length];
        var keys = _keys.AsSpan(0, count);
        var events = _events.AsSpan(0, count);
        var sorted = true;
        for (var i = 0; i < count; i++)
        {
            keys[i] = new SortKey(events[i].Time, i);
            sorted &= i == 0 || events[i - 1].Time <= events[i].Time;
        }

        if (sorted)
            return;
        keys.Sort(static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Index.CompareTo(b.Index));
        var spare = _spare.AsSpan(0, count);
        for (var i = 0; i < count; i++)
            spare[i] = events[keys[i].Index];
        (_events, _spare) = (_spare, _events);
    }

    /// <summary>Drops the first <paramref name="count"/> events (those written), keeping the rest in order.</summary>
    public void RemoveFirst(int count)
    {
        _events.AsSpan(count, Count - count).CopyTo(_events);
        Count -= count;
    }

    /// <summary>Drops everything.</summary>
    public void Clear() => Count = 0;

    private readonly record struct SortKey(long Time, int Index);
}
