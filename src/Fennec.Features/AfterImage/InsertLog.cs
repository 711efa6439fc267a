using System.Runtime.CompilerServices;

namespace Fennec.Features.AfterImage;

/// <summary>
/// The inserts of one busy stream whose pair updates are deferred: per insert its table-wide sequence number, its
/// time, the time of the insert before it, and the residual of the inserted value at every λ. Entries are numbered
/// absolutely from the first ever logged, so the cursors that pairs keep into the log survive trimming.
/// </summary>
internal sealed class InsertLog
{
    private const int K = DecayFactors.Count;

    private long[] _sequence = new long[16];
    private double[] _time = new double[16];
    private double[] _previousTime = new double[16];
    private LambdaLanes[] _residuals = new LambdaLanes[16];

    // The decay factors of each entry's gap from the entry before it (NaN where that gap is not positive), computed
    // when the entry is logged: pairs and partners caught up one after the other decay over the same gaps, so each
    // gap's pow calls are made once, and a replay reads them without checking.
    private LambdaLanes[] _factors = new LambdaLanes[16];
    private double _lastTime = double.NaN;

    /// <summary>The absolute number of the oldest entry kept.</summary>
    public long Start { get; private set; }

    /// <summary>One past the absolute number of the newest entry.</summary>
    public long End => Start + Count;

    /// <summary>Entries kept.</summary>
    public int Count { get; private set; }

    /// <summary>Writes the entries kept (the factors are not: they follow from the times).</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(_sequence.Length);
        writer.Write(Start);
        writer.Write(Count);
        writer.Write(_lastTime);
        for (var i = 0; i < Count; i++)
        {
            writer.Write(_sequence[i]);
            writer.Write(_time[i]);
            writer.Write(_previousTime[i]);
            for (var k = 0; k < K; k++)
                writer.Write(_residuals[i][k]);
        }
    }

    /// <summary>Reads a log written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The sizes are impossible.</exception>
    public static InsertLog Load(BinaryReader reader)
    {
        var capacity = reader.ReadInt32();
        var start = reader.ReadInt64();
        var count = reader.ReadInt32();
        if (capacity < 16 || capacity > 1 << 24 || count < 0 || count > capacity || start < 0)
            throw new InvalidDataException($"the saved table has a deferred-insert log of {count} entries in {capacity}");
        var log = new InsertLog { Start = start, _lastTime = reader.ReadDouble() };
        log.Resize(capacity);
        for (var i = 0; i < count; i++)
        {
            log._sequence[i] = reader.ReadInt64();
            log._time[i] = reader.ReadDouble();
            log._previousTime[i] = reader.ReadDouble();
            for (var k = 0; k < K; k++)
                log._residuals[i].Set(k, reader.ReadDouble());
        }

        var memo = new DecayMemo();
        for (var i = 0; i < count; i++)
            log.SetFactors(i, memo);
        log.Count = count;
        return log;
    }

    /// <summary>Approximate bytes held.</summary>
    public long ApproximateBytes => _sequence.Length * ((8L * 3) + (2 * Unsafe.SizeOf<LambdaLanes>()));

    /// <summary>
    /// Appends an insert, with the decay factors of its gap from the insert before it (<paramref name="memo"/> gives
    /// them); <see cref="Trim"/> must have made room when <see cref="IsFull"/>.
    /// </summary>
    public void Append(long sequence, double time, in LambdaLanes residuals, DecayMemo memo)
    {
        var i = Count++;
        _sequence[i] = sequence;
        _time[i] = time;
        _previousTime[i] = _lastTime;
        _residuals[i] = residuals;
        SetFactors(i, memo);
        _lastTime = time;
    }

    private void SetFactors(int i, DecayMemo memo)
    {
        var gap = _time[i] - _previousTime[i];
        _factors[i] = gap > 0 ? memo.Lanes(gap) : LambdaLanes.All(double.NaN);
    }

    /// <summary>True when the next <see cref="Append"/> needs room.</summary>
    public bool IsFull => Count == _sequence.Length;

    /// <summary>
    /// Drops the entries before <paramref name="keepFrom"/>; grows when less than half is free after that, and
    /// shrinks when less than an eighth is used (a log applied whole gives its memory back).
    /// </summary>
    public void Trim(long keepFrom)
    {
        var drop = (int)Math.Clamp(keepFrom - Start, 0, Count);
        if (drop > 0)
        {
            var kept = Count - drop;
            Array.Copy(_sequence, drop, _sequence, 0, kept);
            Array.Copy(_time, drop, _time, 0, kept);
            Array.Copy(_previousTime, drop, _previousTime, 0, kept);
            Array.Copy(_residuals, drop, _residuals, 0, kept);
            Array.Copy(_factors, drop, _factors, 0, kept);
            Start += drop;
            Count = kept;
        }

        if (Count * 2 > _sequence.Length)
            Resize(_sequence.Length * 2);
        else if (Count * 8 < _sequence.Length && _sequence.Length > 16)
            Resize(Math.Max(16, _sequence.Length / 4));
    }

    private void Resize(int size)
    {
        Array.Resize(ref _sequence, size);
        Array.Resize(ref _time, size);
        Array.Resize(ref _previousTime, size);
        Array.Resize(ref _residuals, size);
        Array.Resize(ref _factors, size);
    }

    /// <summary>The table-wide sequence number of entry <paramref name="entry"/> (absolute).</summary>
    public long SequenceOf(long entry) => _sequence[entry - Start];

    /// <summary>The time of the newest entry (NaN when none was ever logged).</summary>
    public double LastTime => _lastTime;

    /// <summary>Entries <paramref name="from"/> to <paramref name="to"/> (absolute, exclusive), for replaying.</summary>
    public LogRun Run(long from, long to)
    {
        var i = (int)(from - Start);
        var count = (int)(to - from);
        return new LogRun(_time.AsSpan(i, count), _previousTime.AsSpan(i, count), _factors.AsSpan(i, count), _residuals.AsSpan(i, count));
    }
}

/// <summary>
/// Consecutive entries of an <see cref="InsertLog"/>: per entry its time, the time of the insert before it, the decay
/// factors of the gap between those two times, and the inserted value's residuals.
/// </summary>
internal readonly ref struct LogRun(ReadOnlySpan<double> times, ReadOnlySpan<double> previousTimes, ReadOnlySpan<LambdaLanes> factors,
    ReadOnlySpan<LambdaLanes> residuals)
{
    public readonly ReadOnlySpan<double> Times = times;
    public readonly ReadOnlySpan<double> PreviousTimes = previousTimes;
    public readonly ReadOnlySpan<LambdaLanes> Factors = factors;
    public readonly ReadOnlySpan<LambdaLanes> Residuals = residuals;
}
