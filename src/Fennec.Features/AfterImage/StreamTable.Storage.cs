namespace Fennec.Features.AfterImage;

/// <summary>Node, pair, key and slot storage of <see cref="StreamTable"/>.</summary>
internal sealed partial class StreamTable
{
    private int AllocateNode()
    {
        if (_freeNode >= 0)
        {
            var reused = _freeNode;
            _freeNode = _keyOffset[reused]; // free nodes chain through their key offset
            return reused;
        }

        if (_nodeHigh == _keyOffset.Length)
        {
            var size = _keyOffset.Length * 2;
            _states.Resize(size * K);
            _lastTime.Resize(size);
            _activeWeight.Resize(size);
            _activeTime.Resize(size);
            _keyOffset.Resize(size);
            _keyLength.Resize(size);
            _hash.Resize(size);
            Array.Resize(ref _pairsOf, size);
            _pairCount.Resize(size);
            Array.Resize(ref _logs, size);
            Array.Resize(ref _deferredPairsOf, size);
            _deferredPairCount.Resize(size);
            _hasSelfPair.Resize(size);
        }

        return _nodeHigh++;
    }

    private void FreeNode(int node)
    {
        _keyArenaDead += _keyLength[node];
        _keyLength[node] = -1;
        _pairCount[node] = 0;
        // Deferral state is reset here, not on allocation: fresh nodes start zeroed.
        if (_logs[node] is { } log)
        {
            _deferredStreams--;
            _loggedEntries -= log.Count;
            log.Dispose();
        }

        _logs[node] = null;
        _deferredPairCount[node] = 0;
        _hasSelfPair[node] = false;
        _keyOffset[node] = _freeNode;
        _freeNode = node;
        _liveNodes--;
    }

    private bool IsLive(int node) => _keyLength[node] >= 0;

    private void StoreKey(int node, ReadOnlySpan<char> key)
    {
        if (_keyArenaUsed + key.Length > _keyArena.Length)
        {
            if (_keyArenaDead * 2 > _keyArenaUsed)
                CompactKeys();
            if (_keyArenaUsed + key.Length > _keyArena.Length)
                Array.Resize(ref _keyArena, Math.Max(_keyArena.Length * 2, _keyArenaUsed + key.Length));
        }

        key.CopyTo(_keyArena.AsSpan(_keyArenaUsed));
        _keyOffset[node] = _keyArenaUsed;
        _keyLength[node] = key.Length;
        _keyArenaUsed += key.Length;
    }

    private void CompactKeys()
    {
        var arena = new char[_keyArena.Length];
        var used = 0;
        for (var n = 0; n < _nodeHigh; n++)
        {
            if (!IsLive(n))
                continue;
            KeyOf(n).CopyTo(arena.AsSpan(used));
            _keyOffset[n] = used;
            used += _keyLength[n];
        }

        _keyArena = arena;
        _keyArenaUsed = used;
        _keyArenaDead = 0;
    }

    /// <summary>Slots in use (equal to <see cref="StreamCount"/> when the index is sound; for tests).</summary>
    internal int OccupiedSlots => _slots.Count(s => s != 0);

    private void InsertSlot(int node, int hash)
    {
        var mask = _slots.Length - 1;
        var slot = hash & mask;
        while (_slots[slot] != 0)
            slot = (slot + 1) & mask;
        _slots[slot] = node + 1;
    }

    private void Rehash(int size)
    {
        _slots = new int[size];
        for (var n = 0; n < _nodeHigh; n++)
        {
            if (IsLive(n))
                InsertSlot(n, _hash[n]);
        }
    }

    private void RemoveSlot(int node)
    {
        var mask = _slots.Length - 1;
        var slot = _hash[node] & mask;
        while (_slots[slot] != node + 1)
            slot = (slot + 1) & mask;

        // Backward shift: pull later entries of the probe run into the hole so lookups never stop early.
        var hole = slot;
        for (var next = (hole + 1) & mask; _slots[next] != 0; next = (next + 1) & mask)
        {
            var home = _hash[_slots[next] - 1] & mask;
            var distanceToNext = (next - home) & mask;
            var distanceToHole = (hole - home) & mask;
            if (distanceToHole <= distanceToNext)
            {
                _slots[hole] = _slots[next];
                hole = next;
            }
        }

        _slots[hole] = 0;
    }

    private int AllocatePair()
    {
        if (_freePair >= 0)
        {
            var reused = _freePair;
            _freePair = _pairSecond[reused]; // free pairs chain through their second member
            return reused;
        }

        if (_pairHigh == _pairFirst.Length)
        {
            var size = _pairFirst.Length * 2;
            _pairStates.Resize(size);
            _pairLastTime.Resize(size);
            _pairFirst.Resize(size);
            _pairSecond.Resize(size);
            _pairApplied.Resize(size * 2);
            _decayApplied.Resize(size * 2);
        }

        return _pairHigh++;
    }

    private void FreePair(int pair)
    {
        _pairFirst[pair] = -1;
        _pairSecond[pair] = _freePair;
        _freePair = pair;
        _livePairs--;
    }

    /// <summary>
    /// Removes every occurrence of a pair from a stream's list, keeping the order of the rest (a self-pair's lookup
    /// takes the first pair listed). A busy server's list holds thousands, and evicting its clients removes from it
    /// again and again: found by a vectorised search and closed up by a block move.
    /// </summary>
    private void UnlinkPair(int node, int pair)
    {
        var list = _pairsOf[node];
        var count = _pairCount[node];
        int at;
        while ((at = list.AsSpan(0, count).IndexOf(pair)) >= 0)
        {
            Array.Copy(list, at + 1, list, at, count - at - 1);
            count--;
        }

        _pairCount[node] = count;
    }
}
