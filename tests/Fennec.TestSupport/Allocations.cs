namespace Fennec.TestSupport;

/// <summary>Managed bytes allocated on the test's thread by a piece of steady-state work.</summary>
public static class Allocations
{
    /// <summary>
    /// The fewest bytes <paramref name="work"/> allocated over a few runs: a one-off allocation by the runtime (a tier-up
    /// landing while tests run in parallel) does not repeat, while an allocation per record shows in every run.
    /// </summary>
    public static long Measure(Action work)
    {
        var fewest = long.MaxValue;
        for (var attempt = 0; attempt < 5 && fewest > 0; attempt++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            work();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
