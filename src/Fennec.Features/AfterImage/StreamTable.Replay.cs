namespace Fennec.Features.AfterImage;

/// <summary>
/// Replaying a deferred stream's logged inserts onto one pair or partner. A replay runs for hundreds of entries, so
/// the sums it changes are held in registers (<see cref="LambdaLanes"/>) by a loop free of calls, for as long as
/// each decay is over the log's own gap between two inserts, whose factors the log holds: that is every entry but,
/// as a rule, the first of a run, which is done the scalar way.
/// </summary>
internal sealed partial class StreamTable
{
    /// <summary>Applies log entries <paramref name="from"/> to <paramref name="to"/> (exclusive) of side <paramref name="side"/>'s member to the pair, one after another.</summary>
    private void ApplyThrough(int pair, int side, InsertLog log, long from, long to)
    {
        if (from >= to)
            return;
        var run = log.Run(from, to);
        ref var state = ref _pairStates[pair];
        var last = _pairLastTime[pair];
        for (var i = ApplyCached(ref state, side, run, 0, ref last); i < run.Times.Length; i = ApplyCached(ref state, side, run, i + 1, ref last))
        {
            var time = run.Times[i];
            state.Scale(_pairMemo.Lanes(time - last));
            last = time;
            state.Add(side, run.Residuals[i]);
        }

        _pairLastTime[pair] = last;
    }

    /// <summary>
    /// Applies entries from <paramref name="start"/> on until one needs other factors than the log's; returns its
    /// index (or the run's length).
    /// </summary>
    private static int ApplyCached(ref PairState state, int side, in LogRun run, int start, ref double last)
    {
        var times = run.Times;
        if (start >= times.Length)
            return start;
        var sums = state.ProductSum;
        var weights = state.Weight;

        // The other side's last residual stays as it is while this side's inserts are applied.
        var other = side == 0 ? state.Residual1 : state.Residual0;
        var one = LambdaLanes.One;
        var now = last;
        var i = start;
        for (; i < times.Length; i++)
        {
            var step = CachedStep(run, i, ref now);
            if (step < 0)
                break;
            if (step > 0)
            {
                sums *= run.Factors[i];
                weights *= run.Factors[i];
            }

            sums += run.Residuals[i] * other;
            weights += one;
        }

        if (i == start)
            return i;
        state.ProductSum = sums;
        state.Weight = weights;
        if (side == 0)
            state.Residual0 = run.Residuals[i - 1];
        else
            state.Residual1 = run.Residuals[i - 1];
        last = now;
        return i;
    }

    /// <summary>Decays the stream to the times of log entries <paramref name="from"/> to <paramref name="to"/> (exclusive), one after another.</summary>
    private void DecayThrough(int node, InsertLog log, long from, long to)
    {
        if (from >= to)
            return;
        var run = log.Run(from, to);
        var states = _states.AsSpan(node * K, K);
        var last = _lastTime[node];
        for (var i = DecayCached(states, run, 0, ref last); i < run.Times.Length; i = DecayCached(states, run, i + 1, ref last))
        {
            var time = run.Times[i];
            Decays.ScaleAll(states, _streamMemo.Factors(time - last));
            last = time;
        }

        _lastTime[node] = last;
    }

    /// <summary>The decays of <see cref="ApplyCached"/> for a stream's sums.</summary>
    private static int DecayCached(Span<StreamState> states, in LogRun run, int start, ref double last)
    {
        if (start >= run.Times.Length)
            return start;
        var linear = LambdaLanes.Of(states[0].LinearSum, states[1].LinearSum, states[2].LinearSum, states[3].LinearSum, states[4].LinearSum);
        var squares = LambdaLanes.Of(states[0].SquareSum, states[1].SquareSum, states[2].SquareSum, states[3].SquareSum, states[4].SquareSum);
        var weights = LambdaLanes.Of(states[0].Weight, states[1].Weight, states[2].Weight, states[3].Weight, states[4].Weight);
        var now = last;
        var i = start;
        for (; i < run.Times.Length; i++)
        {
            var step = CachedStep(run, i, ref now);
            if (step < 0)
                break;
            if (step > 0)
            {
                linear *= run.Factors[i];
                squares *= run.Factors[i];
                weights *= run.Factors[i];
            }
        }

        for (var k = 0; k < K; k++)
        {
            ref var state = ref states[k];
            state.LinearSum = linear[k];
            state.SquareSum = squares[k];
            state.Weight = weights[k];
        }

        last = now;
        return i;
    }

    /// <summary>
    /// What entry <paramref name="i"/> does to something last decayed at <paramref name="now"/>: 0 no decay (time
    /// stood still or went back), 1 a decay by the log's factors for the entry's gap (<paramref name="now"/> is the
    /// time of the insert before it, so it is the same gap and the same bits; <paramref name="now"/> moves to the
    /// entry's time), -1 a decay over another gap.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int CachedStep(in LogRun run, int i, ref double now)
    {
        var time = run.Times[i];
        if (!(time - now > 0))
            return 0;
        if (now != run.PreviousTimes[i])
            return -1;
        now = time;
        return 1;
    }
}
