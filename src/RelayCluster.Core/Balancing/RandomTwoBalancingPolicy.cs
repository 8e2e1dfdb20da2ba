using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Balancing;

/// <summary>
/// The power of two choices: draws two different upstreams at random, in proportion to weight, and
/// picks the one with fewer sessions per unit of weight. Nearly as even as least-sessions, but never
/// sends everyone to the same upstream when the counts it sees are stale.
/// </summary>
internal sealed class RandomTwoBalancingPolicy : IBalancingPolicy
{
    public string Name => BalancingPolicies.RandomTwo;

    public UpstreamState Pick(BalancingContext context, IReadOnlyList<UpstreamState> available)
    {
        long totalWeight = 0;
        for (var i = 0; i < available.Count; i++)
        {
            totalWeight += available[i].Weight;
        }

        var random = context.Random;
        var firstIndex = IndexAtWeight(available, random.NextInt64(totalWeight), skip: -1);
        var first = available[firstIndex];
        var second = available[IndexAtWeight(available, random.NextInt64(totalWeight - first.Weight), skip: firstIndex)];

        return context.CompareLoad(second, first) < 0 ? second : first;
    }

    /// <summary>Finds the upstream whose slice of the weight line holds <paramref name="point"/>, leaving out <paramref name="skip"/>.</summary>
    private static int IndexAtWeight(IReadOnlyList<UpstreamState> available, long point, int skip)
    {
        var index = -1;
        for (var i = 0; i < available.Count; i++)
        {
            if (i == skip)
            {
                continue;
            }

            index = i;
            point -= available[i].Weight;
            if (point < 0)
            {
                break;
            }
        }

        return index;
    }
}
