using System.Numerics;

namespace Fennec.Enrichment.Asn;

/// <summary>Non-overlapping inclusive ranges sorted by start, found by binary search.</summary>
internal sealed class RangeIndex<T>
    where T : struct, IComparisonOperators<T, T, bool>
{
    private readonly T[] _starts;
    private readonly T[] _ends;
    private readonly AsnMatch[] _matches;

    private RangeIndex(T[] starts, T[] ends, AsnMatch[] matches)
    {
        _starts = starts;
        _ends = ends;
        _matches = matches;
    }

    public int Count => _starts.Length;

    public static RangeIndex<T> Build(List<(T Start, T End, AsnMatch Match)> rows)
    {
        rows.Sort((a, b) => a.Start < b.Start ? -1 : a.Start > b.Start ? 1 : 0);
        return new RangeIndex<T>([.. rows.Select(r => r.Start)], [.. rows.Select(r => r.End)], [.. rows.Select(r => r.Match)]);
    }

    public bool TryFind(T key, out AsnMatch match)
    {
        // The last range starting at or before the key.
        int lo = 0, hi = _starts.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (_starts[mid] <= key)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        if (found >= 0 && key <= _ends[found])
        {
            match = _matches[found];
            return true;
        }

        match = default;
        return false;
    }
}
