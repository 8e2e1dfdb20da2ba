using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Balancing;

/// <summary>
/// Picks the game server with the most free player slots, as its <c>a2s-info</c> or <c>minecraft-bedrock</c> probe last
/// reported them (less the sessions opened on it since). A server that reports itself full takes no new session; one
/// that has not reported yet comes after every server with a free slot. Ties go to the fewest sessions per unit of
/// weight, as least-sessions picks, and then at random by weight.
/// </summary>
internal sealed class MostFreeSlotsBalancingPolicy : IBalancingPolicy
{
    private const int Unknown = -1;

    public string Name => BalancingPolicies.MostFreeSlots;

    public bool Admits(UpstreamState upstream) => upstream.FreeSlots is not 0;

    public UpstreamState Pick(BalancingContext context, IReadOnlyList<UpstreamState> available)
    {
        var best = available[0];
        var bestFree = best.FreeSlots ?? Unknown;
        long tiedWeight = best.Weight;

        for (var i = 1; i < available.Count; i++)
        {
            var upstream = available[i];
            var free = upstream.FreeSlots ?? Unknown;
            var comparison = free != bestFree ? bestFree.CompareTo(free) : context.CompareLoad(upstream, best);
            if (comparison < 0)
            {
                best = upstream;
                bestFree = free;
                tiedWeight = upstream.Weight;
            }
            else if (comparison == 0 && context.TakesTie(upstream, ref tiedWeight))
            {
                best = upstream;
            }
        }

        return best;
    }
}
