namespace Fennec.Features.AfterImage;

/// <summary>Saving and restoring a <see cref="StreamTable"/> exactly, caches and memory bound included.</summary>
internal sealed partial class StreamTable
{
    /// <summary>Writes every live stream and pair, renumbered densely, so that a restored table continues bit for bit.</summary>
    public void Save(BinaryWriter writer)
    {
        var renumber = new int[_nodeHigh];
        var live = 0;
        for (var n = 0; n < _nodeHigh; n++)
            renumber[n] = IsLive(n) ? live++ : -1;

        writer.Write(_interArrival);
        writer.Write(_maxStreams);
        writer.Write(Evicted);
        writer.Write(Expired);
        writer.Write(PeakStreams);
        writer.Write(live);
        for (var n = 0; n < _nodeHigh; n++)
        {
            if (!IsLive(n))
                continue;
            writer.Write(new string(KeyOf(n)));
            writer.Write(_lastTime[n]);
            writer.Write(_activeWeight[n]);
            writer.Write(_activeTime[n]);
            foreach (var state in _states.AsSpan(n * K, K))
            {
                var s = state.Save();
                writer.Write(s.LinearSum);
                writer.Write(s.SquareSum);
                writer.Write(s.Weight);
                writer.Write(s.Mean);
                writer.Write(s.Variance);
                writer.Write(s.Std);
                writer.Write(s.MeanSquared);
                writer.Write(s.VarianceSquared);
                writer.Write(s.Cached);
            }
        }

        // Pairs are written in the order of each stream's list, so lists are rebuilt in the same order.
        var pairNumber = new Dictionary<int, int>();
        writer.Write(_livePairs);
        for (var p = 0; p < _pairHigh; p++)
        {
            if (_pairFirst[p] < 0)
                continue;
            pairNumber[p] = pairNumber.Count;
            writer.Write(renumber[_pairFirst[p]]);
            writer.Write(renumber[_pairSecond[p]]);
            writer.Write(_pairLastTime[p]);
            ref var state = ref _pairStates[p];
            for (var k = 0; k < K; k++)
            {
                writer.Write(state.ProductSum[k]);
                writer.Write(state.Weight[k]);
                writer.Write(state.Residual0[k]);
                writer.Write(state.Residual1[k]);
            }
        }

        for (var n = 0; n < _nodeHigh; n++)
        {
            if (!IsLive(n))
                continue;
            writer.Write(_pairCount[n]);
            for (var i = 0; i < _pairCount[n]; i++)
                writer.Write(pairNumber[_pairsOf[n][i]]);
        }

        // Deferred walks as they stand: what each pair has received of its members' logs, and the logs.
        writer.Write(_sequence);
        for (var p = 0; p < _pairHigh; p++)
        {
            if (_pairFirst[p] < 0)
                continue;
            writer.Write(_pairApplied[p * 2]);
            writer.Write(_pairApplied[(p * 2) + 1]);
            writer.Write(_decayApplied[p * 2]);
            writer.Write(_decayApplied[(p * 2) + 1]);
        }

        writer.Write(DeferredStreams);
        for (var n = 0; n < _nodeHigh; n++)
        {
            if (IsLive(n) && _logs[n] is { } log)
            {
                writer.Write(renumber[n]);
                log.Save(writer);
            }
        }
    }

    /// <summary>
    /// Reads a table written by <see cref="Save"/>. Tables saved by the first format (<paramref name="versionTwo"/>
    /// false: no activity, no deferred walks) take each stream's activity from its weight and last time.
    /// </summary>
    /// <exception cref="InvalidDataException">The data is not a saved table.</exception>
    public static StreamTable Load(BinaryReader reader, bool versionTwo = true)
    {
        var table = new StreamTable(reader.ReadBoolean());
        table._maxStreams = reader.ReadInt32();
        table.Evicted = reader.ReadInt64();
        table.Expired = reader.ReadInt64();
        table.PeakStreams = reader.ReadInt32();
        var streams = Count(reader.ReadInt32(), "streams");
        for (var n = 0; n < streams; n++)
        {
            var key = reader.ReadString();
            var time = reader.ReadDouble();
            var node = table.GetOrCreate(key, time, out var created);
            if (!created || node != n)
                throw new InvalidDataException($"stream {n} ('{key}') appears twice in the saved table");
            if (versionTwo)
            {
                table._activeWeight[node] = reader.ReadDouble();
                table._activeTime[node] = reader.ReadDouble();
            }

            foreach (ref var state in table._states.AsSpan(node * K, K))
            {
                state = StreamState.Restore(new StreamSnapshot(
                    reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(),
                    reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadByte()));
            }

            if (!versionTwo)
                table._activeWeight[node] = table._states[(node * K) + Slowest].Weight;
        }

        var pairs = Count(reader.ReadInt32(), "pairs");
        for (var p = 0; p < pairs; p++)
        {
            var pair = table.AllocatePair();
            table._pairFirst[pair] = Node(reader.ReadInt32(), streams);
            table._pairSecond[pair] = Node(reader.ReadInt32(), streams);
            table._pairLastTime[pair] = reader.ReadDouble();
            ref var state = ref table._pairStates[pair];
            for (var k = 0; k < K; k++)
            {
                state.ProductSum.Set(k, reader.ReadDouble());
                state.Weight.Set(k, reader.ReadDouble());
                state.Residual0.Set(k, reader.ReadDouble());
                state.Residual1.Set(k, reader.ReadDouble());
            }

            table._livePairs++;
            table.LinkNewPair(pair, table._pairFirst[pair], table._pairSecond[pair]);
        }

        for (var n = 0; n < streams; n++)
        {
            var count = Count(reader.ReadInt32(), "pair list entries");
            for (var i = 0; i < count; i++)
                table.AppendPair(n, Node(reader.ReadInt32(), pairs));
        }

        if (versionTwo)
            table.LoadDeferred(reader, streams, pairs);
        return table;
    }

    /// <summary>Reads what <see cref="Save"/> writes of deferred walks (states from before deferral have none).</summary>
    private void LoadDeferred(BinaryReader reader, int streams, int pairs)
    {
        _sequence = reader.ReadInt64();
        for (var p = 0; p < pairs; p++)
        {
            _pairApplied[p * 2] = reader.ReadInt64();
            _pairApplied[(p * 2) + 1] = reader.ReadInt64();
            _decayApplied[p * 2] = reader.ReadInt64();
            _decayApplied[(p * 2) + 1] = reader.ReadInt64();
        }

        var deferred = Count(reader.ReadInt32(), "deferred streams");
        for (var d = 0; d < deferred; d++)
        {
            var node = Node(reader.ReadInt32(), streams);
            if (_logs[node] is not null)
                throw new InvalidDataException($"stream {node} has two deferred-insert logs in the saved table");
            AttachLog(node, InsertLog.Load(reader));
        }

        for (var p = 0; p < pairs; p++)
        {
            for (var side = 0; side < 2; side++)
            {
                if (_logs[side == 0 ? _pairFirst[p] : _pairSecond[p]] is not { } log)
                    continue;
                var at = (p * 2) + side;
                if (_pairApplied[at] < log.Start || _pairApplied[at] > log.End || _decayApplied[at] < log.Start || _decayApplied[at] > log.End)
                    throw new InvalidDataException($"pair {p} of the saved table points outside its member's deferred-insert log");
            }
        }
    }

    private static int Count(int value, string what) =>
        value >= 0 ? value : throw new InvalidDataException($"the saved table has a negative number of {what}");

    private static int Node(int value, int limit) =>
        value >= 0 && value < limit ? value : throw new InvalidDataException($"the saved table refers to entry {value} of {limit}");
}
