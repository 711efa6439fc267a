using Fennec.Packets.Memory;

namespace Fennec.Features.AfterImage;

/// <summary>
/// Deferred pair walks. The reference updates every pair of a stream on each of its inserts, so a server that has
/// talked to thousands of client sockets pays thousands of updates per packet, almost all for pairs that are never
/// read again. Past <see cref="SetDeferralDegree"/> pairs, a stream's inserts are logged instead (time and residual
/// at every λ) and applied to a pair, and as decays to the partner stream, only when that pair or partner is next
/// used. Replaying the same operations in the same order gives the same bits; a pair or partner never used again
/// costs nothing.
/// </summary>
/// <remarks>
/// Invariants: every read or change of a stream's sums is preceded by <see cref="CatchUpStream"/> (its deferred
/// partners' logged inserts, merged by sequence number, applied as decays), and every read or change of a pair's
/// state by <see cref="CatchUpPair"/>. A stream with a self-pair never defers: the reference lists that pair twice
/// and its lookups depend on list order.
/// </remarks>
internal sealed partial class StreamTable
{
    /// <summary>
    /// Pairs a stream needs before its walks are deferred. Deferral pays for pairs never read again, and since replays
    /// run with the sums in registers (StreamTable.Replay.cs) it also beats walking live pairs: features alone, one
    /// core, against 2048 (the degree while replays were scalar): ppa_ftp_crack 0.059-0.060 s against 0.080, the race
    /// capture 4.53-4.62 s against 5.13-5.37, the simulated site with analyze's bounds 9.28-9.29 s against 9.96-10.14;
    /// 128 was slower on the site (10.8 s) and 512 on the race capture (5.1-5.3 s).
    /// </summary>
    public const int DefaultDeferralDegree = 256;

    /// <summary>A log is applied to everything it is owed to (and emptied) rather than grown past this many entries.</summary>
    internal const int MaxLogEntries = 1 << 16;

    /// <summary>
    /// Entries all the table's logs may hold together (about 55 MB) before the longest is applied and emptied. Many
    /// streams can be deferred at once (each scanner's channel stream, every busy server), and each log may grow to
    /// <see cref="MaxLogEntries"/> while one forgotten pair holds it back: without this bound, memory would grow with
    /// the number of busy streams rather than with the table's bound on streams.
    /// </summary>
    internal const int DefaultLogBudget = 1 << 19;

    // Pair lists up to this long are searched; longer ones go through the index.
    private const int PairScanLimit = 8;

    private int _deferFrom = DefaultDeferralDegree;
    private int _logBudget = DefaultLogBudget;
    private long _sequence;

    // Entries held by all live logs together.
    private long _loggedEntries;

    // Live deferred streams: while there are none, the walks skip every catch-up check.
    private int _deferredStreams;

    // Per node: its log when deferred, the pairs whose other member is deferred, and whether it has a self-pair.
    private InsertLog?[] _logs = new InsertLog?[64];
    private int[][] _deferredPairsOf = new int[64][];
    private readonly NativeArray<int> _deferredPairCount = new(64);
    private readonly NativeArray<bool> _hasSelfPair = new(64);

    // Per pair and side: the next entry of that member's log to apply to the pair, and to the other member as decay.
    private readonly NativeArray<long> _pairApplied = new(128);
    private readonly NativeArray<long> _decayApplied = new(128);

    // Pair by its two members (smaller node first), for streams whose lists are too long to search.
    private readonly Dictionary<long, int> _pairIndex = [];

    /// <summary>Sets how many pairs a stream needs before its walks are deferred (1 defers every walk; int.MaxValue none).</summary>
    public void SetDeferralDegree(int degree) => _deferFrom = Math.Max(1, degree);

    /// <summary>Sets how many entries the logs may hold together (for tests; at least 1).</summary>
    internal void SetLogBudget(int entries) => _logBudget = Math.Max(1, entries);

    /// <summary>Entries the logs hold together (for tests).</summary>
    internal long LoggedEntries => _loggedEntries;

    /// <summary>Streams whose walks are deferred now (for tests and statistics).</summary>
    internal int DeferredStreams
    {
        get
        {
            var count = 0;
            for (var n = 0; n < _nodeHigh; n++)
                count += IsLive(n) && _logs[n] is not null ? 1 : 0;
            return count;
        }
    }

    /// <summary>Entries in the longest log (for tests).</summary>
    internal int LongestLog
    {
        get
        {
            var longest = 0;
            for (var n = 0; n < _nodeHigh; n++)
                longest = Math.Max(longest, IsLive(n) && _logs[n] is { } log ? log.Count : 0);
            return longest;
        }
    }

    /// <summary>Entries in all live logs, counted afresh (for tests of <see cref="LoggedEntries"/>).</summary>
    internal long LogEntriesHeld
    {
        get
        {
            long held = 0;
            for (var n = 0; n < _nodeHigh; n++)
                held += IsLive(n) && _logs[n] is { } log ? log.Count : 0;
            return held;
        }
    }

    private long LogBytes()
    {
        long total = 0;
        for (var n = 0; n < _nodeHigh; n++)
            total += _logs[n] is { } log ? log.ApproximateBytes : 0;
        return total;
    }

    private bool IsDeferred(int node) => _logs[node] is not null;

    /// <summary>Logs an insert of a stream with pairs instead of walking them, deferring the stream first if it is busy enough.</summary>
    private bool TryDefer(int node, double value, double time)
    {
        var log = _logs[node];
        if (log is null)
        {
            if (_pairCount[node] < _deferFrom || _hasSelfPair[node])
                return false;
            log = BecomeDeferred(node);
        }

        if (log.IsFull)
            MakeLogRoom(node, log);
        SetResiduals(node, value);
        log.Append(_sequence++, time, _residuals, _streamMemo);
        if (++_loggedEntries > _logBudget)
            EmptyLongestLog();
        return true;
    }

    private InsertLog BecomeDeferred(int node)
    {
        var log = new InsertLog();
        var pairs = _pairsOf[node];
        for (var i = 0; i < _pairCount[node]; i++)
        {
            var at = (pairs[i] * 2) + (_pairFirst[pairs[i]] == node ? 0 : 1);
            _pairApplied[at] = _decayApplied[at] = log.End;
        }

        AttachLog(node, log);
        return log;
    }

    /// <summary>Makes a stream deferred with this log: its partners now catch up from it.</summary>
    private void AttachLog(int node, InsertLog log)
    {
        _logs[node] = log;
        _deferredStreams++;
        _loggedEntries += log.Count;
        var pairs = _pairsOf[node];
        for (var i = 0; i < _pairCount[node]; i++)
            AddDeferredPair(_pairFirst[pairs[i]] == node ? _pairSecond[pairs[i]] : _pairFirst[pairs[i]], pairs[i]);
    }

    /// <summary>Drops the entries every pair has consumed; applies the whole log when it would grow too long.</summary>
    private void MakeLogRoom(int node, InsertLog log)
    {
        var keep = OldestOwed(node, log);
        if (log.Count >= MaxLogEntries && keep - log.Start < log.Count / 2)
        {
            ApplyLog(node);
            keep = log.End;
        }

        Trim(log, keep);
    }

    private void Trim(InsertLog log, long keepFrom)
    {
        var held = log.Count;
        log.Trim(keepFrom);
        _loggedEntries -= held - log.Count;
    }

    /// <summary>Applies the longest log to everything it is owed to and empties it, when the logs together are over budget.</summary>
    private void EmptyLongestLog()
    {
        var longest = -1;
        var count = 0;
        for (var n = 0; n < _nodeHigh; n++)
        {
            if (IsLive(n) && _logs[n] is { } candidate && candidate.Count > count)
                (longest, count) = (n, candidate.Count);
        }

        if (longest < 0)
            return;
        var log = _logs[longest]!;
        ApplyLog(longest);
        Trim(log, log.End);
    }

    private long OldestOwed(int node, InsertLog log)
    {
        var keep = log.End;
        var pairs = _pairsOf[node];
        for (var i = 0; i < _pairCount[node]; i++)
        {
            var pair = pairs[i];
            var at = (pair * 2) + (_pairFirst[pair] == node ? 0 : 1);
            keep = Math.Min(keep, Math.Min(_pairApplied[at], _decayApplied[at]));
        }

        return keep;
    }

    /// <summary>Applies a deferred stream's log to all its pairs and partners.</summary>
    private void ApplyLog(int node)
    {
        var pairs = _pairsOf[node];
        for (var i = 0; i < _pairCount[node]; i++)
        {
            var pair = pairs[i];
            CatchUpPair(pair);
            CatchUpStream(_pairFirst[pair] == node ? _pairSecond[pair] : _pairFirst[pair]);
        }
    }

    /// <summary>Applies the logged inserts of the stream's deferred partners as decays, in the order they happened.</summary>
    private void CatchUpStream(int node)
    {
        var count = _deferredPairCount[node];
        if (count == 0)
            return;
        var pairs = _deferredPairsOf[node];
        if (count == 1)
        {
            var pair = pairs[0];
            var at = (pair * 2) + (_pairFirst[pair] == node ? 1 : 0);
            var log = _logs[_pairFirst[pair] == node ? _pairSecond[pair] : _pairFirst[pair]]!;
            DecayThrough(node, log, _decayApplied[at], log.End);
            _decayApplied[at] = log.End;
            return;
        }

        // Several deferred partners: take runs from whichever log holds the earliest pending insert.
        while (true)
        {
            int best = -1, bestAt = -1;
            long bestSequence = long.MaxValue, nextSequence = long.MaxValue;
            for (var i = 0; i < count; i++)
            {
                var pair = pairs[i];
                var at = (pair * 2) + (_pairFirst[pair] == node ? 1 : 0);
                var log = _logs[_pairFirst[pair] == node ? _pairSecond[pair] : _pairFirst[pair]]!;
                if (_decayApplied[at] >= log.End)
                    continue;
                var sequence = log.SequenceOf(_decayApplied[at]);
                if (sequence < bestSequence)
                {
                    nextSequence = bestSequence;
                    (best, bestAt, bestSequence) = (pair, at, sequence);
                }
                else if (sequence < nextSequence)
                {
                    nextSequence = sequence;
                }
            }

            if (best < 0)
                return;
            var source = _logs[_pairFirst[best] == node ? _pairSecond[best] : _pairFirst[best]]!;
            var from = _decayApplied[bestAt];
            var to = RunEnd(source, from, nextSequence);
            DecayThrough(node, source, from, to);
            _decayApplied[bestAt] = to;
        }
    }

    /// <summary>Applies the logged inserts of the pair's deferred members to it, in the order they happened.</summary>
    private void CatchUpPair(int pair)
    {
        var first = _logs[_pairFirst[pair]];
        var second = _logs[_pairSecond[pair]];
        if (first is null && second is null)
            return;
        // One deferred member (a busy server and a client): its entries in order, no merge.
        if (second is null || first is null)
        {
            var side = first is null ? 1 : 0;
            var log = first ?? second!;
            ApplyThrough(pair, side, log, _pairApplied[(pair * 2) + side], log.End);
            _pairApplied[(pair * 2) + side] = log.End;
            return;
        }

        // Both deferred: runs from whichever log holds the earlier pending insert (sequence numbers never tie).
        var a = _pairApplied[pair * 2];
        var b = _pairApplied[(pair * 2) + 1];
        while (a < first.End || b < second.End)
        {
            if (b >= second.End || (a < first.End && first.SequenceOf(a) < second.SequenceOf(b)))
            {
                var to = RunEnd(first, a, b < second.End ? second.SequenceOf(b) : long.MaxValue);
                ApplyThrough(pair, 0, first, a, to);
                a = to;
            }
            else
            {
                var to = RunEnd(second, b, a < first.End ? first.SequenceOf(a) : long.MaxValue);
                ApplyThrough(pair, 1, second, b, to);
                b = to;
            }
        }

        _pairApplied[pair * 2] = a;
        _pairApplied[(pair * 2) + 1] = b;
    }

    /// <summary>
    /// The time of the newest logged insert the pair has not yet received, or NaN when it has them all. The pair's
    /// weight after receiving it is at least 1, so it cannot be below that insert's decay to now.
    /// </summary>
    private double NewestOwedTime(int pair)
    {
        var newest = double.NaN;
        if (_logs[_pairFirst[pair]] is { } first && _pairApplied[pair * 2] < first.End)
            newest = first.LastTime;
        if (_logs[_pairSecond[pair]] is { } second && _pairApplied[(pair * 2) + 1] < second.End)
            newest = double.IsNaN(newest) ? second.LastTime : Math.Max(newest, second.LastTime);
        return newest;
    }

    /// <summary>One past the last entry from <paramref name="from"/> on whose sequence number is below <paramref name="before"/>.</summary>
    private static long RunEnd(InsertLog log, long from, long before)
    {
        var to = from;
        while (to < log.End && log.SequenceOf(to) < before)
            to++;
        return to;
    }

    private void AddDeferredPair(int node, int pair) => AppendTo(_deferredPairsOf, _deferredPairCount, node, pair);

    private void RemoveDeferredPair(int node, int pair)
    {
        var list = _deferredPairsOf[node];
        var count = _deferredPairCount[node];
        for (var i = 0; i < count; i++)
        {
            if (list[i] == pair)
            {
                list[i] = list[count - 1];
                _deferredPairCount[node] = count - 1;
                return;
            }
        }
    }

    /// <summary>Registers a new pair: the index, the self-pair mark, the deferred members' cursors and lists.</summary>
    private void LinkNewPair(int pair, int first, int second)
    {
        _pairIndex[PairKey(first, second)] = pair;
        if (first == second)
            _hasSelfPair[first] = true;
        var firstLog = _logs[first];
        var secondLog = _logs[second];
        _pairApplied[pair * 2] = _decayApplied[pair * 2] = firstLog?.End ?? 0;
        _pairApplied[(pair * 2) + 1] = _decayApplied[(pair * 2) + 1] = secondLog?.End ?? 0;
        if (firstLog is not null)
            AddDeferredPair(second, pair);
        if (secondLog is not null)
            AddDeferredPair(first, pair);
    }

    /// <summary>Undoes <see cref="LinkNewPair"/> before a pair is freed.</summary>
    private void UnlinkFreedPair(int pair)
    {
        var first = _pairFirst[pair];
        var second = _pairSecond[pair];
        _pairIndex.Remove(PairKey(first, second));
        if (_logs[first] is not null)
            RemoveDeferredPair(second, pair);
        if (_logs[second] is not null)
            RemoveDeferredPair(first, pair);
    }

    /// <summary>Before a stream is removed: its partners receive what its log owes them, and the log goes.</summary>
    private void RetireLog(int node)
    {
        if (_logs[node] is null)
            return;
        var pairs = _pairsOf[node];
        for (var i = 0; i < _pairCount[node]; i++)
        {
            var pair = pairs[i];
            CatchUpStream(_pairFirst[pair] == node ? _pairSecond[pair] : _pairFirst[pair]);
        }
    }

    private static long PairKey(int a, int b) => a <= b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;
}
