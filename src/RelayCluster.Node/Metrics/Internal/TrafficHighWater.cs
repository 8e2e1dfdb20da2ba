using RelayCluster.Node.Rules;

namespace RelayCluster.Node.Metrics.Internal;

/// <summary>
/// The highest traffic totals of one rule reported so far. An ending session leaves the live set a moment before its
/// traffic joins the ended totals, and a read in between would see the rule's counters go down; a Prometheus counter
/// must never do that, so each reading is raised to the highest one before it.
/// </summary>
internal sealed class TrafficHighWater
{
    private long _packetsToUpstream;
    private long _bytesToUpstream;
    private long _packetsToClient;
    private long _bytesToClient;

    /// <summary>Reads the rule's traffic now, never lower than any earlier reading.</summary>
    public (long PacketsToUpstream, long BytesToUpstream, long PacketsToClient, long BytesToClient) Read(RelayRule rule)
    {
        var traffic = rule.Traffic();
        return (
            Raise(ref _packetsToUpstream, traffic.PacketsToUpstream),
            Raise(ref _bytesToUpstream, traffic.BytesToUpstream),
            Raise(ref _packetsToClient, traffic.PacketsToClient),
            Raise(ref _bytesToClient, traffic.BytesToClient));
    }

    private static long Raise(ref long mark, long value)
    {
        while (true)
        {
            var seen = Volatile.Read(ref mark);
            if (value <= seen)
            {
                return seen;
            }

            if (Interlocked.CompareExchange(ref mark, value, seen) == seen)
            {
                return value;
            }
        }
    }
}
