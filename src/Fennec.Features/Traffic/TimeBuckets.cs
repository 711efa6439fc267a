namespace Fennec.Features.Traffic;

/// <summary>Fixed-width time buckets on capture time (Unix nanoseconds), and the share of an interval in each.</summary>
public static class TimeBuckets
{
    /// <summary>The number of the bucket of width <paramref name="widthNs"/> holding <paramref name="ns"/> (floor, also before 1970).</summary>
    public static long Of(long ns, long widthNs)
    {
        var q = Math.DivRem(ns, widthNs, out var r);
        return r < 0 ? q - 1 : q;
    }

    /// <summary>
    /// The buckets an interval from <paramref name="firstNs"/> to <paramref name="lastNs"/> touches, each with the
    /// fraction of the interval inside it (an instant, or an interval within one bucket, is all in one); without
    /// allocating.
    /// </summary>
    public static ShareEnumerator Shares(long firstNs, long lastNs, long widthNs) => new(firstNs, Math.Max(lastNs, firstNs), widthNs);

    /// <summary>One bucket of an interval: its number, the fraction of the interval in it, and whether it is the first.</summary>
    public readonly record struct Share(long Bucket, double Fraction, bool IsFirst);

    /// <summary>Enumerates the <see cref="Share"/>s of an interval (use with <c>foreach</c>).</summary>
    public struct ShareEnumerator(long firstNs, long lastNs, long widthNs)
    {
        private readonly long _last = Of(lastNs, widthNs);
        private readonly long _first = Of(firstNs, widthNs);
        private long _bucket = Of(firstNs, widthNs) - 1;

        /// <summary>The enumerator itself (for <c>foreach</c>).</summary>
        public readonly ShareEnumerator GetEnumerator() => this;

        /// <summary>The current bucket's share.</summary>
        public readonly Share Current
        {
            get
            {
                if (_first == _last)
                    return new Share(_bucket, 1, true);
                var overlap = Math.Min(lastNs, (_bucket + 1) * widthNs) - Math.Max(firstNs, _bucket * widthNs);
                return new Share(_bucket, overlap / (double)(lastNs - firstNs), _bucket == _first);
            }
        }

        /// <summary>Moves to the next bucket.</summary>
        public bool MoveNext() => ++_bucket <= _last;
    }
}
