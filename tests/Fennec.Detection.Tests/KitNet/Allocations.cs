namespace Fennec.Detection.Tests.KitNet;

/// <summary>Managed bytes allocated on the test's thread by a piece of steady-state work.</summary>
internal static class Allocations
{
    /// <summary>The fewest bytes <paramref name="work"/> allocated over a few runs (a one-off runtime allocation does not repeat).</summary>
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
