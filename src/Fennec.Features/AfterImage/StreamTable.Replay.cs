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
        var states = _pairStates.AsSpan(pair * K, K);
        var last = _pairLastTime[pair];
        for (var i = ApplyCached(states, side, run, 0, ref last); i < run.Times.Length; i = ApplyCached(states, side, run, i + 1, ref last))
        {
            var time = run.Times[i];
            Decays.ScaleAll(states, _pairMemo.Factors(time - last));
            last = time;
            PairState.AddAll(states, side, run.Residuals.Slice(i * K, K));
        }

        _pairLastTime[pair] = last;
    }

    /// <summary>
    /// Applies entries from <paramref name="start"/> on until one needs other factors than the log's; returns its
    /// index (or the run's length).
    /// </summary>
    private static int ApplyCached(Span<PairState> states, int side, in LogRun run, int start, ref double last)
    {
        var times = run.Times;
        if (start >= times.Length)
            return start;
        var sums = LambdaLanes.Of(states[0].ProductSum, states[1].ProductSum, states[2].ProductSum, states[3].ProductSum, states[4].ProductSum);
        var weights = LambdaLanes.Of(states[0].Weight, states[1].Weight, states[2].Weight, states[3].Weight, states[4].Weight);

        // The other side's last residual stays as it is while this side's inserts are applied.
        var other = side == 0
            ? LambdaLanes.Of(states[0].Residual1, states[1].Residual1, states[2].Residual1, states[3].Residual1, states[4].Residual1)
            : LambdaLanes.Of(states[0].Residual0, states[1].Residual0, states[2].Residual0, states[3].Residual0, states[4].Residual0);
        var one = LambdaLanes.Of(1, 1, 1, 1, 1);
        var now = last;
        var i = start;
        for (; i < times.Length; i++)
        {
            var step = CachedStep(run, i, ref now, out var factors);
            if (step < 0)
                break;
            if (step > 0)
            {
                sums *= factors;
                weights *= factors;
            }

            sums += LambdaLanes.Load(run.Residuals.Slice(i * K, K)) * other;
            weights += one;
        }

        if (i == start)
            return i;
        var own = run.Residuals.Slice((i - 1) * K, K);
        for (var k = 0; k < K; k++)
        {
            ref var state = ref states[k];
            state.ProductSum = sums[k];
            state.Weight = weights[k];
            if (side == 0)
                state.Residual0 = own[k];
            else
                state.Residual1 = own[k];
        }

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
            var step = CachedStep(run, i, ref now, out var factors);
            if (step < 0)
                break;
            if (step > 0)
            {
                linear *= factors;
                squares *= factors;
                weights *= factors;
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
    private static int CachedStep(in LogRun run, int i, ref double now, out LambdaLanes factors)
    {
        var time = run.Times[i];
        factors = default;
        if (!(time - now > 0))
            return 0;
        if (now != run.PreviousTimes[i])
            return -1;
        factors = LambdaLanes.Load(run.Factors.Slice(i * K, K));
        now = time;
        return 1;
    }
}
