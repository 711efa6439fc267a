using System.Runtime.CompilerServices;
using Fennec.Packets.Memory;

namespace Fennec.Features.AfterImage;

/// <summary>
/// One of AfterImage's stream tables: damped 1D streams keyed by text, each with its state at every decay factor,
/// and the pairs of streams that have been reported together. Keys are the reference's concatenated strings, so
/// keys that collide there (no separators) collide here too. Storage is struct arrays indexed by node and pair
/// number, with free lists; nothing is allocated per packet once the table has grown.
/// </summary>
internal sealed partial class StreamTable
{
    private const int K = DecayFactors.Count;

    private readonly bool _interArrival;
    private readonly DecayMemo _streamMemo = new();
    private readonly DecayMemo _pairMemo = new();
    private LambdaLanes _residuals;
    private double _lastValue = double.NaN;
    private double _lastSquare;

    // Nodes (streams).
    // The states of streams and pairs, the bulk of a table, live in native memory (huge pages once large): a scan
    // creates streams and pairs by the thousand, and collected arrays grown by doubling were first touched page by
    // page (about 12 µs a fault here) and copied again by compacting collections.
    private readonly NativeArray<StreamState> _states = new(64 * K);
    private readonly NativeArray<double> _lastTime = new(64);

    // Per node: the weight at the slowest λ right after its own last insert (or its creation), and the time it
    // refers to. Decays from partners only multiply it further, so its projection to now is the stream's weight up
    // to rounding, and unlike the weight itself it does not depend on whether those decays were deferred.
    private readonly NativeArray<double> _activeWeight = new(64);
    private readonly NativeArray<double> _activeTime = new(64);
    private readonly NativeArray<int> _keyOffset = new(64);
    private readonly NativeArray<int> _keyLength = new(64); // -1 marks a free node
    private readonly NativeArray<int> _hash = new(64);
    private int[][] _pairsOf = new int[64][];
    private readonly NativeArray<int> _pairCount = new(64);
    private int _nodeHigh;
    private int _freeNode = -1;
    private int _liveNodes;

    // Keys, appended; compacted when more than half is dead.
    private char[] _keyArena = new char[4096];
    private int _keyArenaUsed;
    private int _keyArenaDead;

    // Open addressing over node numbers (node + 1; 0 is empty), linear probing, backward-shift deletion.
    private int[] _slots = new int[128];

    // Pairs.
    private readonly NativeArray<PairState> _pairStates = new(64);
    private readonly NativeArray<double> _pairLastTime = new(64);
    private readonly NativeArray<int> _pairFirst = new(64); // -1 marks a free pair
    private readonly NativeArray<int> _pairSecond = new(64);
    private int _pairHigh;
    private int _freePair = -1;
    private int _livePairs;

    public StreamTable(bool interArrival) => _interArrival = interArrival;

    /// <summary>Streams held now.</summary>
    public int StreamCount => _liveNodes;

    /// <summary>Pairs held now.</summary>
    public int PairCount => _livePairs;

    /// <summary>Approximate bytes held by the table's arrays.</summary>
    public long ApproximateBytes =>
        ((long)_states.Length * 72) + ((long)_keyOffset.Length * 32) + (_keyArena.Length * 2L) + (_slots.Length * 4L)
        + ((long)_pairStates.Length * Unsafe.SizeOf<PairState>()) + (_pairFirst.Length * 32L) + PairListBytes() + LogBytes();

    private long PairListBytes()
    {
        long total = 0;
        for (var n = 0; n < _nodeHigh; n++)
            total += _pairsOf[n] is { } list ? 24 + (list.Length * 4L) : 0;
        return total;
    }

    /// <summary>Finds the stream with this key, or -1.</summary>
    public int Find(ReadOnlySpan<char> key) => Find(key, string.GetHashCode(key));

    private int Find(ReadOnlySpan<char> key, int hash)
    {
        var mask = _slots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
                return -1;
            var node = entry - 1;
            if (_hash[node] == hash && KeyOf(node).SequenceEqual(key))
                return node;
        }
    }

    /// <summary>The key of a live stream.</summary>
    public ReadOnlySpan<char> KeyOf(int node) => _keyArena.AsSpan(_keyOffset[node], _keyLength[node]);

    /// <summary>Finds the stream with this key, creating it (last time = <paramref name="time"/>) when absent.</summary>
    public int GetOrCreate(ReadOnlySpan<char> key, double time, out bool created)
    {
        var hash = string.GetHashCode(key);
        var node = Find(key, hash);
        created = node < 0;
        if (node >= 0)
            return node;

        MakeRoom(time);
        // Grow before the new stream is live: a rehash re-inserts every live stream, and inserting the new one
        // after that as well would leave a second slot pointing at it once it is evicted.
        if ((_liveNodes + 1) * 2 > _slots.Length)
            Rehash(_slots.Length * 2);
        node = AllocateNode();
        StoreKey(node, key);
        _hash[node] = hash;
        _states.AsSpan(node * K, K).Fill(StreamState.Create());
        _lastTime[node] = time;
        _activeWeight[node] = StreamState.InitialWeight;
        _activeTime[node] = time;
        _pairCount[node] = 0;
        _liveNodes++;
        PeakStreams = Math.Max(PeakStreams, _liveNodes);
        InsertSlot(node, hash);
        return node;
    }

    /// <summary>Inserts a value into every decay factor of a stream and writes weight, mean, variance per factor.</summary>
    public void Update1D(int node, double value, double time, Span<double> destination, int stride)
    {
        var inserted = Insert(node, value, time);
        if (_pairCount[node] > 0 && !TryDefer(node, inserted, time))
            WalkPairs(node, inserted, time);
        var states = _states.AsSpan(node * K, K);
        for (var k = 0; k < K; k++)
            states[k].WriteStatistics(destination.Slice(k * stride, 3));
    }

    /// <summary>Decays the stream to <paramref name="time"/> and adds the value (the gap since the last packet in inter-arrival mode) at every λ.</summary>
    private double Insert(int node, double value, double time)
    {
        if (_deferredStreams != 0)
            CatchUpStream(node);
        if (_interArrival)
        {
            // Measured before decay, so a new stream's first gap is 0 (its last time is its creation time).
            var gap = time - _lastTime[node];
            value = gap > 0 ? gap : 0;
        }

        Decay(node, time);
        if (value != _lastValue)
        {
            // Frame sizes repeat, so the last square is usually the one needed.
            _lastSquare = Square.Of(value);
            _lastValue = value;
        }

        var square = _lastSquare;
        foreach (ref var state in _states.AsSpan(node * K, K))
            state.Add(value, square);
        _activeWeight[node] = _states[(node * K) + Slowest].Weight;
        _activeTime[node] = _lastTime[node];
        return value;
    }

    /// <summary>Decays a stream's sums at every λ; nothing happens when time stands still or goes backwards.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Decay(int node, double time)
    {
        if (_deferredStreams != 0 && _deferredPairCount[node] != 0)
            CatchUpStream(node);
        var dt = time - _lastTime[node];
        if (dt > 0)
        {
            Decays.ScaleAll(_states.AsSpan(node * K, K), _streamMemo.Factors(dt));
            _lastTime[node] = time;
        }
    }

    /// <summary>
    /// The reference's 1D2D update: insert into the first stream (which updates every pair it belongs to), find or
    /// create the pair with the second stream, update that pair once more, and write 7 values per decay factor.
    /// </summary>
    public void Update1D2D(ReadOnlySpan<char> firstKey, ReadOnlySpan<char> secondKey, double value, double time, Span<double> destination)
    {
        var first = GetOrCreate(firstKey, time, out _);
        Update1D(first, value, time, destination, 7);
        _protectedNode = first;
        var second = GetOrCreate(secondKey, time, out _);
        _protectedNode = -1;
        var pair = FindOrCreatePair(first, second, time);
        SetResiduals(first, value);
        UpdatePair(pair, first, time);
        if (_deferredStreams != 0)
        {
            CatchUpStream(_pairFirst[pair]);
            CatchUpStream(_pairSecond[pair]);
        }

        for (var k = 0; k < K; k++)
            WritePairStatistics(pair, k, destination.Slice((k * 7) + 3, 4));
    }

    /// <summary>
    /// Updates every pair the stream belongs to, in list order. Pair by pair rather than λ by λ: the λ's share no
    /// state, so the order across them is free, and this way each partner's states are touched once.
    /// </summary>
    private void WalkPairs(int node, double value, double time)
    {
        // The residual of the inserted value about the stream's mean is the same for every pair of this walk
        // (pair updates never change the inserting stream: a self-pair's decay happens at its own last time).
        SetResiduals(node, value);
        var pairs = _pairsOf[node];
        var count = _pairCount[node];
        for (var i = 0; i < count; i++)
            UpdatePair(pairs[i], node, time);
    }

    /// <summary>Only valid for tables without inter-arrival mode (the ones with pairs), where the inserted value is the value.</summary>
    private void SetResiduals(int node, double value)
    {
        var states = _states.AsSpan(node * K, K);
        _residuals = LambdaLanes.Of(value - states[0].Mean(), value - states[1].Mean(), value - states[2].Mean(), value - states[3].Mean(),
            value - states[4].Mean());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void UpdatePair(int pair, int node, double time)
    {
        // The side is found by identity of the first member, so a self-pair always updates side 0.
        var first = _pairFirst[pair];
        var side = first == node ? 0 : 1;
        if (_deferredStreams != 0 && (_logs[first] is not null || _logs[_pairSecond[pair]] is not null))
            CatchUpPair(pair);
        Decay(side == 0 ? _pairSecond[pair] : _pairFirst[pair], time);
        ref var state = ref _pairStates[pair];
        var dt = time - _pairLastTime[pair];
        if (dt > 0)
        {
            state.Scale(_pairMemo.Lanes(dt));
            _pairLastTime[pair] = time;
        }

        state.Add(side, _residuals);
    }

    private void WritePairStatistics(int pair, int k, Span<double> destination)
    {
        ref var s0 = ref _states[(_pairFirst[pair] * K) + k];
        ref var s1 = ref _states[(_pairSecond[pair] * K) + k];
        ref var p = ref _pairStates[pair];
        destination[0] = Math.Sqrt(s0.VarianceSquared() + s1.VarianceSquared());
        destination[1] = Math.Sqrt(s0.MeanSquared() + s1.MeanSquared());
        var covariance = p.ProductSum[k] / p.Weight[k];
        destination[2] = covariance;
        var scale = s0.Std() * s1.Std();
        destination[3] = scale != 0 ? covariance / scale : 0;
    }

    /// <summary>
    /// The first pair of <paramref name="first"/> that contains <paramref name="second"/> (for a self-pair: its first
    /// pair), else a new one. Two distinct streams share at most one pair, so a long list is looked up in the index.
    /// </summary>
    private int FindOrCreatePair(int first, int second, double time)
    {
        var pairs = _pairsOf[first];
        var count = _pairCount[first];
        if (count <= PairScanLimit)
        {
            for (var i = 0; i < count; i++)
            {
                var p = pairs[i];
                if (_pairFirst[p] == second || _pairSecond[p] == second)
                    return p;
            }
        }
        else if (first == second)
        {
            return pairs[0];
        }
        else if (_pairIndex.TryGetValue(PairKey(first, second), out var indexed))
        {
            return indexed;
        }

        var pair = AllocatePair();
        _pairFirst[pair] = first;
        _pairSecond[pair] = second;
        _pairStates[pair] = PairState.Create();
        _pairLastTime[pair] = time;
        _livePairs++;
        AppendPair(first, pair);
        AppendPair(second, pair);
        LinkNewPair(pair, first, second);
        return pair;
    }

    private void AppendPair(int node, int pair) => AppendTo(_pairsOf, _pairCount, node, pair);

    /// <summary>Appends to one node's list in a set of growable per-node lists.</summary>
    private static void AppendTo(int[][] lists, NativeArray<int> counts, int node, int value)
    {
        var list = lists[node];
        var count = counts[node];
        if (list is null || count == list.Length)
        {
            Array.Resize(ref list, Math.Max(4, count * 2));
            lists[node] = list;
        }

        list[count] = value;
        counts[node] = count + 1;
    }
}
