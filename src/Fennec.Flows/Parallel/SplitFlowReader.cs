using Fennec.Flows.Assembly;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Parallel;

/// <summary>
/// Reads one classic pcap file as several consecutive parts at once, each by its own thread into its own flow table,
/// cutting the file only where one table given the whole file holds no flow: at a packet that jumps back in time past
/// the idle timeout (where captures were concatenated), or that follows a silence longer than the idle timeout and
/// the close linger. A part's table starts empty there, as one table's is, so its records are that table's records,
/// in the same order. Each cut is confirmed by the part before it, which reads on until it reaches the cut's packet
/// and checks that its own table is empty there with its clock at that packet's time; a cut that fails is read
/// through by the part before instead, and the part after it is thrown away. Nothing crosses between threads but the
/// finished parts, so the work divides without the cost of handing packets from core to core.
/// </summary>
public sealed class SplitFlowReader
{
    /// <summary>How far past a part's nominal start a cut is looked for before the survey is asked where else it may be.</summary>
    private const long ProbeBytes = 1L << 20;

    private readonly SeekablePcap _file;
    private readonly FlowTableOptions _options;

    /// <summary>Where the search for cut <c>j</c> starts: part <c>j + 1</c>'s nominal start.</summary>
    private readonly long[] _nominal;
    private readonly long _idleNs;
    private readonly long _quietNs;

    /// <summary>Cut <c>j</c> starts part <c>j + 1</c>; found when first asked for, by whichever thread asks first.</summary>
    private readonly Lazy<(long Offset, long TimestampNs)?>[] _cuts;

    private SplitFlowReader(SeekablePcap file, FlowTableOptions options, int parts, int threads)
    {
        _file = file;
        _options = options;
        _nominal = NominalStarts(file.Length - SeekablePcap.FirstRecordOffset, parts, threads);
        _idleNs = options.IdleTimeout.Ticks * 100;
        _quietNs = Math.Max(options.IdleTimeout.Ticks, options.CloseLinger.Ticks) * 100;
        var survey = new Lazy<CutSurvey>(() => CutSurvey.Take(file, _quietNs));
        _cuts = new Lazy<(long Offset, long TimestampNs)?>[parts - 1];
        for (var j = 0; j < _cuts.Length; j++)
        {
            // Cut j lies between its part's nominal start and the next part's. A file with cuts every few megabytes
            // (many captures concatenated) has one just past the nominal start; otherwise the survey, taken once,
            // says where in that span a cut may be, so a capture with a single join is split however many parts
            // are asked for and a steady one is given up on cheaply.
            var (from, to) = (Nominal(j), j + 1 < _cuts.Length ? Nominal(j + 1) : long.MaxValue);
            _cuts[j] = new(() => FindCut(file, [(from, Math.Min(to, from + ProbeBytes))], _idleNs, _quietNs)
                                 ?? FindCut(file, survey.Value.Within(from + ProbeBytes, to), _idleNs, _quietNs));
        }
    }

    /// <summary>Parts the file is read as; a part whose cut was not found is empty, read by the part before.</summary>
    public int Parts => _cuts.Length + 1;

    /// <summary>How many parts have a cut to start at (the first part always does): looks for any cut not yet looked for.</summary>
    public int PartsWithStart => 1 + _cuts.Count(cut => cut.Value is not null);

    /// <summary>
    /// Plans <paramref name="parts"/> parts, starting near the offsets of <paramref name="file"/> that
    /// <paramref name="threads"/> give them: samples the file's times to see where cuts may lie
    /// (<see cref="CutSurvey"/>), and looks there for cuts only until it finds one: null when there is none, and the
    /// file is then better read another way. The other cuts are looked for while the file is read, by the threads that
    /// need them, so the search does not hold up the start. Ask for several parts per thread: their work differs
    /// (packet sizes, flows, a thread slowed by the machine), and threads that take them in turn even it out.
    /// </summary>
    /// <param name="file">The capture.</param>
    /// <param name="parts">How many parts (at least 2).</param>
    /// <param name="options">The tables' options (their idle timeout and linger say what silence makes a cut).</param>
    /// <param name="threads">
    /// The threads that will take the parts. Parts are sized in rounds of that many, each round's parts smaller than
    /// the round before's (by weight R, R - 1, ..., 1 for R rounds), so the parts taken last are short and the threads
    /// finish close together however the work fell between them before. 0 (or as many threads as parts): all the same size.
    /// </param>
    public static SplitFlowReader? TryPlan(SeekablePcap file, int parts, FlowTableOptions options, int threads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        var plan = new SplitFlowReader(file, options, parts, threads == 0 ? parts : threads);
        return plan._cuts.Any(cut => cut.Value is not null) ? plan : null;
    }

    /// <summary>
    /// The nominal starts of parts 1 to <paramref name="parts"/> - 1 in <paramref name="bytes"/> of records, as offsets
    /// in the file: part <c>i</c> weighs R - i / <paramref name="threads"/>, R the number of rounds.
    /// </summary>
    internal static long[] NominalStarts(long bytes, int parts, int threads)
    {
        var rounds = (parts + threads - 1) / threads;
        long Weight(int part) => rounds - (part / threads);
        var total = 0L;
        for (var i = 0; i < parts; i++)
            total += Weight(i);
        var starts = new long[parts - 1];
        var before = 0L;
        for (var j = 0; j < starts.Length; j++)
        {
            before += Weight(j);
            starts[j] = SeekablePcap.FirstRecordOffset + (long)((Int128)bytes * before / total);
        }

        return starts;
    }

    /// <summary>Where the search for cut <paramref name="j"/> starts.</summary>
    private long Nominal(int j) => _nominal[j];

    /// <summary>
    /// The first packet in <paramref name="regions"/> where one table holds no flow, judged from the packets before it
    /// in its region.
    /// </summary>
    private static (long Offset, long TimestampNs)? FindCut(SeekablePcap file, IEnumerable<(long Start, long End)> regions, long idle, long quiet)
    {
        foreach (var (from, to) in regions)
        {
            try
            {
                // A small buffer: the thread searching holds its own part's 512 KiB one meanwhile, and a second one that
                // size cost it 128 page faults.
                using var reader = file.OpenNear(from, out _, SeekablePcap.SmallBufferBytes);
                if (reader is null)
                    continue;
                var newest = long.MinValue;
                while (reader.TryRead(out var record) && record.Offset <= to)
                {
                    var t = record.TimestampNs;
                    if (newest != long.MinValue && (t < newest - idle || t - newest >= quiet))
                        return (record.Offset, t);
                    newest = Math.Max(newest, t);
                }
            }
            catch (CaptureFormatException)
            {
                // Damage here: no cut in this region; reading the part before will meet it and say so.
            }
        }

        return null;
    }

    /// <summary>
    /// Reads the file on <paramref name="threads"/> threads, this one included, part <c>k</c> into a table whose
    /// records go to <paramref name="sinkFor"/>(k); the table that reaches the end is flushed. The result says which
    /// parts' records are the file's (in order) and which to discard. <paramref name="partFinished"/> hears, on the
    /// thread that read it, that part <c>k</c> is done and which part it confirmed the start of (null: none, it read to
    /// the end), so a caller can pass a part's records on as soon as every part before it is done; what it throws is
    /// thrown here once every thread has stopped.
    /// </summary>
    /// <exception cref="IOException">The file could not be read, or a sink or <paramref name="partFinished"/> failed.</exception>
    public SplitResult Read(int threads, Func<int, IFlowSink> sinkFor, Action<int, int?>? partFinished = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _options.Validate();
        var sinks = Enumerable.Range(0, Parts).Select(sinkFor).ToArray();
        var parts = new PartRun[Parts];

        // Threads take the parts in order, each the next one nobody has taken: parts of unequal work even out. Each
        // thread keeps one table for all its parts, starting it over for each: a new table's first touches of its
        // memory cost more than a part's work in it.
        var taken = -1;
        Exception? heardFailure = null;
        void Work()
        {
            FlowTable? table = null;
            for (var k = Interlocked.Increment(ref taken); k < parts.Length; k = Interlocked.Increment(ref taken))
            {
                if (table is null)
                    table = new FlowTable(sinks[k], _options);
                else
                    table.StartOver(sinks[k]);
                parts[k] = new PartRun(table);
                parts[k].Run(this, k);
                if (parts[k].Failure is not null)
                    table = null; // it may still hold flows
                try
                {
                    partFinished?.Invoke(k, parts[k].StoppedAtCut);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref heardFailure, e, null); // the listener's own failure (its output, say)
                }
            }
        }

        var workers = Enumerable.Range(1, Math.Min(threads, parts.Length) - 1).Select(i => new Thread(Work) { Name = $"fennec-flows-{i}" }).ToList();
        workers.ForEach(w => w.Start());
        Work();
        workers.ForEach(w => w.Join());

        if (heardFailure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(heardFailure);

        // Follow the chain of confirmed cuts from the first part: each part in it ended at the next one's cut.
        var kept = new List<int> { 0 };
        while (parts[kept[^1]].StoppedAtCut is int next)
            kept.Add(next);
        // A part after an unconfirmed cut may have started in a wrong place and met nonsense; only kept parts count.
        foreach (var k in kept)
        {
            if (parts[k].Failure is { } failure)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        var last = parts[kept[^1]];
        return new SplitResult(kept, FlowTableStatistics.Concatenate(kept.Select(k => parts[k].Statistics).ToList()), last.Damage);
    }

    /// <summary>One part's run: the table it reads into, its counters, and where and why it stopped.</summary>
    private sealed class PartRun(FlowTable table)
    {
        private FlowTable Table { get; } = table;

        /// <summary>The part's own counters (the table's are new again for the next part).</summary>
        public FlowTableStatistics Statistics { get; } = table.Statistics;

        /// <summary>The part whose cut this one confirmed and stopped at; null when it read to the end or to damage.</summary>
        public int? StoppedAtCut { get; private set; }

        public CaptureFormatException? Damage { get; private set; }

        public Exception? Failure { get; private set; }

        public void Run(SplitFlowReader owner, int part)
        {
            try
            {
                Read(owner, part);
            }
            catch (Exception e)
            {
                Failure = e;
            }
        }

        private void Read(SplitFlowReader owner, int part)
        {
            var cuts = owner._cuts;
            long start = SeekablePcap.FirstRecordOffset;
            if (part > 0)
            {
                if (cuts[part - 1].Value is not { } first)
                    return; // no cut starts this part: the part before reads on through it
                start = first.Offset;
            }

            // The next cut this part may stop at, and the offset from which it has to be looked at: its search's
            // start until it is known (it cannot lie before), then its own offset.
            var nextCut = part;
            var known = false;
            var check = nextCut < cuts.Length ? owner.Nominal(nextCut) : long.MaxValue;
            using var reader = owner._file.OpenAt(start);
            try
            {
                while (reader.TryRead(out var record))
                {
                    while (record.Offset >= check)
                    {
                        if (!known)
                        {
                            known = true;
                            if (cuts[nextCut].Value is { } cut)
                            {
                                check = cut.Offset;
                                continue;
                            }
                        }
                        else if (record.Offset == check)
                        {
                            // The cut's packet: confirmed when one table would hold nothing here.
                            Table.Advance(record.TimestampNs);
                            if (Table.Count == 0 && Table.Clock == record.TimestampNs && record.TimestampNs == cuts[nextCut].Value!.Value.TimestampNs)
                            {
                                StoppedAtCut = nextCut + 1;
                                return;
                            }
                        }

                        // No cut here, or one this part does not confirm (or passes through, not at a record start).
                        nextCut++;
                        known = false;
                        check = nextCut < cuts.Length ? owner.Nominal(nextCut) : long.MaxValue;
                    }

                    PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var packet);
                    Table.Add(packet);
                }
            }
            catch (CaptureFormatException e)
            {
                Damage = e;
            }

            Table.Flush();
        }
    }
}

/// <summary>What <see cref="SplitFlowReader.Read"/> found.</summary>
/// <param name="KeptParts">The parts whose records are the file's, in order; the others' records are to be discarded.</param>
/// <param name="Statistics">The kept tables' counters, together.</param>
/// <param name="Damage">What stopped reading before the end of the file, if anything.</param>
public sealed record SplitResult(IReadOnlyList<int> KeptParts, FlowTableStatistics Statistics, CaptureFormatException? Damage);
