using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Balancing;

/// <summary>
/// Picks the upstream with the fewest sessions per unit of weight, counting this node's sessions or
/// the cluster's as the rule's load scope says. Among equally loaded upstreams it picks at random,
/// in proportion to weight, so idle upstreams fill by weight and nodes that see the same counts
/// do not all pile onto the first one.
/// </summary>
internal sealed class LeastSessionsBalancingPolicy : IBalancingPolicy
{
    public string Name => BalancingPolicies.LeastSessions;

    public UpstreamState Pick(BalancingContext context, IReadOnlyList<UpstreamState> available)
    {
        var best = available[0];
        long tiedWeight = best.Weight;

        for (var i = 1; i < available.Count; i++)
        {
            var upstream = available[i];
            var comparison = context.CompareLoad(upstream, best);
            if (comparison < 0)
            {
                best = upstream;
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
