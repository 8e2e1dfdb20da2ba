using System.Runtime.CompilerServices;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Balancing;

/// <summary>
/// Smooth weighted round-robin, as nginx does it: every upstream's current weight grows by its
/// weight, the largest is picked and falls back by the total. Weights 5, 1, 1 give a a b a c a a,
/// spreading the heavy upstream out instead of sending it five sessions in a row.
/// </summary>
internal sealed class RoundRobinBalancingPolicy : IBalancingPolicy
{
    public string Name => BalancingPolicies.RoundRobin;

    public UpstreamState Pick(BalancingContext context, IReadOnlyList<UpstreamState> available)
    {
        var state = context.State;
        lock (state.Sync)
        {
            var best = available[0];
            StrongBox<long>? bestWeight = null;
            long totalWeight = 0;

            for (var i = 0; i < available.Count; i++)
            {
                var upstream = available[i];
                var current = state.CurrentWeights.GetValue(upstream, static _ => new StrongBox<long>());
                current.Value += upstream.Weight;
                totalWeight += upstream.Weight;

                // Strictly greater: on a tie the earlier upstream wins, as in nginx.
                if (bestWeight is null || current.Value > bestWeight.Value)
                {
                    best = upstream;
                    bestWeight = current;
                }
            }

            bestWeight!.Value -= totalWeight;
            return best;
        }
    }
}
