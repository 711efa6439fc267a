using Fennec.Features.Numerics;

namespace Fennec.Features.AfterImage;

/// <summary>
/// Bounded memory for <see cref="StreamTable"/>: quiet streams expire, and past a hard bound the least active of
/// a few sampled streams is evicted. Both are off unless configured, so by default the table behaves as the
/// reference (which never forgets a stream).
/// </summary>
internal sealed partial class StreamTable
{
    private const int Slowest = K - 1; // λ = 0.01: every other factor's weight is smaller
    private const int EvictionSample = 8;

    private int _maxStreams = int.MaxValue;
    private int _protectedNode = -1;
    private int _sweepAt;
    private ulong _sampler = 0x9E3779B97F4A7C15UL;

    /// <summary>Streams removed by the hard bound.</summary>
    public long Evicted { get; private set; }

    /// <summary>Streams removed because they (and their pairs) had decayed below the expiry weight.</summary>
    public long Expired { get; private set; }

    /// <summary>The most streams held at once.</summary>
    public int PeakStreams { get; private set; }

    /// <summary>Sets the hard bound on streams (at least 2: a packet may need two).</summary>
    public void SetMaxStreams(int maxStreams) => _maxStreams = Math.Max(2, maxStreams);

    /// <summary>
    /// Checks up to <paramref name="budget"/> streams, continuing where the last sweep stopped, and removes those
    /// whose weight and whose pairs' weights at the slowest decay have fallen below <paramref name="epsilon"/>.
    /// </summary>
    public void SweepQuiet(double time, double epsilon, int budget)
    {
        for (var checkedNodes = 0; checkedNodes < budget && _nodeHigh > 0; checkedNodes++)
        {
            if (_sweepAt >= _nodeHigh)
                _sweepAt = 0;
            var node = _sweepAt++;
            if (IsLive(node) && IsQuiet(node, time, epsilon))
            {
                RemoveNode(node);
                Expired++;
            }
        }
    }

    /// <remarks>
    /// A stream is judged by its activity (<see cref="ActivityAt"/>); a pair owed inserts by a deferred member is
    /// caught up first unless the newest of them alone shows it is not quiet (catching up every idle client of a busy
    /// server on each sweep would cost what deferral saves).
    /// </remarks>
    private bool IsQuiet(int node, double time, double epsilon)
    {
        if (ActivityAt(node, time) >= epsilon)
            return false;
        var pairs = _pairsOf[node];
        for (var i = 0; i < _pairCount[node]; i++)
        {
            var pair = pairs[i];
            var owed = NewestOwedTime(pair);
            if (!double.IsNaN(owed))
            {
                if (WeightAt(1.0, owed, time) >= epsilon)
                    return false;
                CatchUpPair(pair);
            }

            if (WeightAt(_pairStates[pair].Weight[Slowest], _pairLastTime[pair], time) >= epsilon)
                return false;
        }

        return true;
    }

    /// <summary>
    /// A stream's weight at the slowest λ at <paramref name="time"/>, projected from its own last insert: the same
    /// number as its decayed weight up to rounding, and the same bits whether or not its partners' decays were
    /// deferred (candidates for eviction often tie to within rounding, so that matters).
    /// </summary>
    private double ActivityAt(int node, double time) => WeightAt(_activeWeight[node], _activeTime[node], time);

    /// <summary>A weight decayed at the slowest λ from its last time to <paramref name="time"/>.</summary>
    private static double WeightAt(double weight, double lastTime, double time)
    {
        var dt = time - lastTime;
        return dt > 0 ? weight * VectorMath.Pow2(-DecayFactors.Values[Slowest] * dt) : weight;
    }

    /// <summary>Makes room for one more stream when the table is at its bound.</summary>
    private void MakeRoom(double time)
    {
        if (_liveNodes < _maxStreams)
            return;
        var victim = -1;
        var victimWeight = double.MaxValue;
        for (var tries = 0; (tries < EvictionSample * 4 && victim < 0) || tries < EvictionSample; tries++)
        {
            _sampler ^= _sampler << 13;
            _sampler ^= _sampler >> 7;
            _sampler ^= _sampler << 17;
            var node = (int)(_sampler % (ulong)_nodeHigh);
            if (!IsLive(node) || node == _protectedNode)
                continue;
            var weight = ActivityAt(node, time);
            if (weight < victimWeight)
            {
                victim = node;
                victimWeight = weight;
            }
        }

        if (victim < 0)
        {
            // Sampling kept hitting free or protected nodes: take the first live one.
            for (var n = 0; n < _nodeHigh && victim < 0; n++)
            {
                if (IsLive(n) && n != _protectedNode)
                    victim = n;
            }
        }

        if (victim >= 0)
        {
            RemoveNode(victim);
            Evicted++;
        }
    }

    private void RemoveNode(int node)
    {
        RetireLog(node);
        var pairs = _pairsOf[node];
        for (var i = 0; i < _pairCount[node]; i++)
        {
            var pair = pairs[i];
            if (_pairFirst[pair] < 0)
                continue; // a self-pair listed twice, already freed
            var partner = _pairFirst[pair] == node ? _pairSecond[pair] : _pairFirst[pair];
            if (partner != node)
                UnlinkPair(partner, pair);
            UnlinkFreedPair(pair);
            FreePair(pair);
        }

        RemoveSlot(node);
        FreeNode(node);
    }
}
