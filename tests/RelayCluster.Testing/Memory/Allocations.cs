namespace RelayCluster.Testing.Memory;

/// <summary>
/// Measures what the calling thread allocates while it repeats a piece of work. The fewest bytes over several rounds is
/// the measure: garbage made per call shows in every round, while the runtime's one-off costs on this thread (compiling
/// a method the first time it runs, handing a hot method to the optimising tier) land in one round only.
/// </summary>
public static class Allocations
{
    /// <summary>Runs <paramref name="round"/> <paramref name="rounds"/> times and returns the fewest bytes one run allocated.</summary>
    public static long FewestBytes(int rounds, Action round)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var fewest = long.MaxValue;
        for (var i = 0; i < rounds; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            round();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
