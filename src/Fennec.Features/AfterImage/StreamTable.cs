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
    private readonly double[] _lambdas = DecayFactors.Values.ToArray();

    // Nodes (streams).
    private StreamState[] _states = new StreamState[64 * K];
    private int[] _keyOffset = new int[64];
    private int[] _keyLength = new int[64]; // -1 marks a free node
    private int[] _hash = new int[64];
    private int[][] _pairsOf = new int[64][];
    private int[] _pairCount = new int[64];
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
    private PairState[] _pairStates = new PairState[64 * K];
    private int[] _pairFirst = new int[64]; // -1 marks a free pair
    private int[] _pairSecond = new int[64];
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
        ((long)_states.Length * 64) + ((long)_keyOffset.Length * 24) + (_keyArena.Length * 2L) + (_slots.Length * 4L)
        + ((long)_pairStates.Length * 40) + (_pairFirst.Length * 8L) + PairListBytes();

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
        node = AllocateNode();
        StoreKey(node, key);
        _hash[node] = hash;
        for (var k = 0; k < K; k++)
            _states[(node * K) + k] = StreamState.Create(time);
        _pairCount[node] = 0;
        _liveNodes++;
        PeakStreams = Math.Max(PeakStreams, _liveNodes);
        if (_liveNodes * 2 > _slots.Length)
            Rehash(_slots.Length * 2);
        InsertSlot(node, hash);
        return node;
    }

    /// <summary>Inserts a value into every decay factor of a stream and writes weight, mean, variance per factor.</summary>
    public void Update1D(int node, double value, double time, Span<double> destination, int stride)
    {
        for (var k = 0; k < K; k++)
        {
            var inserted = _states[(node * K) + k].Insert(_lambdas[k], value, time, _interArrival);
            WalkPairs(node, k, inserted, time);
            _states[(node * K) + k].WriteStatistics(destination.Slice(k * stride, 3));
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
        for (var k = 0; k < K; k++)
        {
            UpdatePair(pair, first, k, value, time);
            WritePairStatistics(pair, k, destination.Slice((k * 7) + 3, 4));
        }
    }

    private void WalkPairs(int node, int k, double value, double time)
    {
        var count = _pairCount[node];
        if (count == 0)
            return;
        var pairs = _pairsOf[node];
        for (var i = 0; i < count; i++)
            UpdatePair(pairs[i], node, k, value, time);
    }

    private void UpdatePair(int pair, int node, int k, double value, double time)
    {
        // The side is found by identity of the first member, so a self-pair always updates side 0.
        var side = _pairFirst[pair] == node ? 0 : 1;
        var other = side == 0 ? _pairSecond[pair] : _pairFirst[pair];
        var lambda = _lambdas[k];
        _states[(other * K) + k].Decay(lambda, time);
        var residual = value - _states[(node * K) + k].Mean();
        _pairStates[(pair * K) + k].Add(side, lambda, residual, time);
    }

    private void WritePairStatistics(int pair, int k, Span<double> destination)
    {
        ref var s0 = ref _states[(_pairFirst[pair] * K) + k];
        ref var s1 = ref _states[(_pairSecond[pair] * K) + k];
        ref var p = ref _pairStates[(pair * K) + k];
        destination[0] = Math.Sqrt(Math.Pow(s0.Variance(), 2) + Math.Pow(s1.Variance(), 2));
        destination[1] = Math.Sqrt(Math.Pow(s0.Mean(), 2) + Math.Pow(s1.Mean(), 2));
        var covariance = p.ProductSum / p.Weight;
        destination[2] = covariance;
        var scale = s0.Std() * s1.Std();
        destination[3] = scale != 0 ? covariance / scale : 0;
    }

    /// <summary>The first pair of <paramref name="first"/> that contains <paramref name="second"/> (for a self-pair: its first pair), else a new one.</summary>
    private int FindOrCreatePair(int first, int second, double time)
    {
        var pairs = _pairsOf[first];
        var count = _pairCount[first];
        for (var i = 0; i < count; i++)
        {
            var p = pairs[i];
            if (_pairFirst[p] == second || _pairSecond[p] == second)
                return p;
        }

        var pair = AllocatePair();
        _pairFirst[pair] = first;
        _pairSecond[pair] = second;
        for (var k = 0; k < K; k++)
            _pairStates[(pair * K) + k] = PairState.Create(time);
        _livePairs++;
        AppendPair(first, pair);
        AppendPair(second, pair);
        return pair;
    }

    private void AppendPair(int node, int pair)
    {
        var list = _pairsOf[node];
        var count = _pairCount[node];
        if (list is null || count == list.Length)
        {
            Array.Resize(ref list, Math.Max(4, count * 2));
            _pairsOf[node] = list;
        }

        list[count] = pair;
        _pairCount[node] = count + 1;
    }
}
