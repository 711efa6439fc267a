using System.Runtime.CompilerServices;
using Fennec.Packets.Memory;

namespace Fennec.Features.AfterImage;

/// <summary>
/// The inserts of one busy stream whose pair updates are deferred: per insert its table-wide sequence number, its
/// time, the time of the insert before it, and the residual of the inserted value at every λ. Entries are numbered
/// absolutely from the first ever logged, so the cursors that pairs keep into the log survive trimming.
/// </summary>
internal sealed class InsertLog : IDisposable
{
    private const int K = DecayFactors.Count;

    private const int InitialCapacity = 16;

    private const long HugePagesFrom = 128 << 10;

    // The five columns live in one native buffer (Fennec.Packets.Memory.NativeBuffer): a busy server's log grows to
    // megabytes in a run, and in collected memory each of its pages would be a page fault on first touch (and the
    // columns copied again by compacting collections); a large buffer is whole huge pages instead. The columns are
    // laid out for the buffer's physical capacity, so growing within it moves nothing.
    private NativeBuffer _buffer;
    private int _physical;
    private int _capacity;

    private double _lastTime = double.NaN;

    /// <summary>Creates an empty log.</summary>
    public InsertLog()
        : this(InitialCapacity)
    {
    }

    private InsertLog(int capacity)
    {
        _buffer = Allocate(capacity, out _physical);
        _capacity = capacity;
    }

    /// <summary>The absolute number of the oldest entry kept.</summary>
    public long Start { get; private set; }

    /// <summary>One past the absolute number of the newest entry.</summary>
    public long End => Start + Count;

    /// <summary>Entries kept.</summary>
    public int Count { get; private set; }

    /// <summary>Writes the entries kept (the factors are not: they follow from the times).</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(_capacity);
        writer.Write(Start);
        writer.Write(Count);
        writer.Write(_lastTime);
        var sequences = Sequences;
        var times = Times;
        var previousTimes = PreviousTimes;
        var residuals = Residuals;
        for (var i = 0; i < Count; i++)
        {
            writer.Write(sequences[i]);
            writer.Write(times[i]);
            writer.Write(previousTimes[i]);
            for (var k = 0; k < K; k++)
                writer.Write(residuals[i][k]);
        }
    }

    /// <summary>Reads a log written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The sizes are impossible.</exception>
    public static InsertLog Load(BinaryReader reader)
    {
        var capacity = reader.ReadInt32();
        var start = reader.ReadInt64();
        var count = reader.ReadInt32();
        if (capacity < InitialCapacity || capacity > 1 << 24 || count < 0 || count > capacity || start < 0)
            throw new InvalidDataException($"the saved table has a deferred-insert log of {count} entries in {capacity}");
        var log = new InsertLog(capacity) { Start = start, _lastTime = reader.ReadDouble() };
        var sequences = log.Sequences;
        var times = log.Times;
        var previousTimes = log.PreviousTimes;
        var residuals = log.Residuals;
        for (var i = 0; i < count; i++)
        {
            sequences[i] = reader.ReadInt64();
            times[i] = reader.ReadDouble();
            previousTimes[i] = reader.ReadDouble();
            for (var k = 0; k < K; k++)
                residuals[i].Set(k, reader.ReadDouble());
        }

        var memo = new DecayMemo();
        for (var i = 0; i < count; i++)
            log.SetFactors(i, memo);
        log.Count = count;
        return log;
    }

    /// <summary>Approximate bytes held.</summary>
    public long ApproximateBytes => _buffer.Bytes;

    /// <summary>
    /// Appends an insert, with the decay factors of its gap from the insert before it (<paramref name="memo"/> gives
    /// them); <see cref="Trim"/> must have made room when <see cref="IsFull"/>.
    /// </summary>
    public void Append(long sequence, double time, in LambdaLanes residuals, DecayMemo memo)
    {
        var i = Count++;
        Sequences[i] = sequence;
        Times[i] = time;
        PreviousTimes[i] = _lastTime;
        Residuals[i] = residuals;
        SetFactors(i, memo);
        _lastTime = time;
    }

    private void SetFactors(int i, DecayMemo memo)
    {
        var gap = Times[i] - PreviousTimes[i];
        Factors[i] = gap > 0 ? memo.Lanes(gap) : LambdaLanes.All(double.NaN);
    }

    /// <summary>True when the next <see cref="Append"/> needs room.</summary>
    public bool IsFull => Count == _capacity;

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
            Shift(Sequences, drop, kept);
            Shift(Times, drop, kept);
            Shift(PreviousTimes, drop, kept);
            Shift(Residuals, drop, kept);
            Shift(Factors, drop, kept);
            Start += drop;
            Count = kept;
        }

        if (Count * 2 > _capacity)
            Resize(_capacity * 2);
        else if (Count * 8 < _capacity && _capacity > InitialCapacity)
            Resize(Math.Max(InitialCapacity, _capacity / 4));
    }

    private static void Shift<T>(Span<T> column, int drop, int kept) => column.Slice(drop, kept).CopyTo(column);

    /// <summary>
    /// Sets the capacity, moving the entries to a new buffer only when the one held is too small or when a smaller
    /// one would free memory.
    /// </summary>
    private void Resize(int capacity)
    {
        if (capacity <= _physical && NativeBuffer.SizeFor(BytesFor(capacity)) >= _buffer.Bytes)
        {
            _capacity = capacity;
            return;
        }

        var sequences = Sequences[..Count];
        var times = Times[..Count];
        var previousTimes = PreviousTimes[..Count];
        var residuals = Residuals[..Count];
        var factors = Factors[..Count];
        var old = _buffer;
        _buffer = Allocate(capacity, out _physical);
        _capacity = capacity;
        sequences.CopyTo(Sequences);
        times.CopyTo(Times);
        previousTimes.CopyTo(PreviousTimes);
        residuals.CopyTo(Residuals);
        factors.CopyTo(Factors);
        old.Dispose();
    }

    /// <summary>The table-wide sequence number of entry <paramref name="entry"/> (absolute).</summary>
    public long SequenceOf(long entry) => Sequences[(int)(entry - Start)];

    /// <summary>The time of the newest entry (NaN when none was ever logged).</summary>
    public double LastTime => _lastTime;

    /// <summary>Entries <paramref name="from"/> to <paramref name="to"/> (absolute, exclusive), for replaying.</summary>
    public LogRun Run(long from, long to)
    {
        var i = (int)(from - Start);
        var count = (int)(to - from);
        return new LogRun(Times.Slice(i, count), PreviousTimes.Slice(i, count), Factors.Slice(i, count), Residuals.Slice(i, count));
    }

    /// <summary>Frees the log's memory: the log must not be used after.</summary>
    public void Dispose() => _buffer.Dispose();

    private static NativeBuffer Allocate(int capacity, out int physical)
    {
        var buffer = new NativeBuffer(BytesFor(capacity));
        physical = (int)Math.Min(buffer.Bytes / EntryBytes, int.MaxValue);
        return buffer;
    }

    // A log past this size takes whole huge pages at once (a 2 MiB page holds 20,164 entries): a growing log is
    // otherwise first touched page by page again at every doubling.
    private static long BytesFor(int capacity)
    {
        var bytes = (long)capacity * EntryBytes;
        return bytes >= HugePagesFrom ? Math.Max(bytes, NativeBuffer.HugePageThreshold) : bytes;
    }

    private static int LanesBytes => Unsafe.SizeOf<LambdaLanes>();

    // Bytes per entry in the five columns.
    private static int EntryBytes => (3 * sizeof(double)) + (2 * LanesBytes);

    // The columns, each as long as the buffer's physical capacity: per entry the residuals of its value and the decay
    // factors of its gap from the entry before it (NaN where that gap is not positive), computed when the entry is
    // logged (pairs and partners caught up one after the other decay over the same gaps, so each gap's pow calls are
    // made once, and a replay reads them without checking), its sequence number, its time and the time before it.
    private Span<LambdaLanes> Residuals => _buffer.Slice<LambdaLanes>(0, _physical);

    private Span<LambdaLanes> Factors => _buffer.Slice<LambdaLanes>((long)_physical * LanesBytes, _physical);

    private Span<long> Sequences => _buffer.Slice<long>((long)_physical * 2 * LanesBytes, _physical);

    private Span<double> Times => _buffer.Slice<double>((long)_physical * ((2 * LanesBytes) + 8), _physical);

    private Span<double> PreviousTimes => _buffer.Slice<double>((long)_physical * ((2 * LanesBytes) + 16), _physical);
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
