using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Balancing;

/// <summary>
/// Sends each client IP to the same upstream on every node and after every restart, with weighted
/// rendezvous hashing: every upstream scores the client with weight / -ln(hash), where hash is a
/// stable hash of the client's address and the upstream's configured address mapped into (0, 1),
/// and the highest score wins. A client's scores do not depend on the other upstreams, so when an
/// upstream leaves only its own clients move, and when one joins only the clients it wins move to it.
/// </summary>
internal sealed class HashClientIpBalancingPolicy : IBalancingPolicy
{
    public string Name => BalancingPolicies.HashClientIp;

    public UpstreamState Pick(BalancingContext context, IReadOnlyList<UpstreamState> available)
    {
        var clientHash = StableHash.Hash(context.ClientAddress);
        var best = available[0];
        var bestScore = double.NegativeInfinity;

        for (var i = 0; i < available.Count; i++)
        {
            var upstream = available[i];
            var score = Score(clientHash, upstream);
            if (score > bestScore)
            {
                best = upstream;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>The upstream's score for a client; exponentially distributed with rate 1/weight, so an upstream wins in proportion to its weight.</summary>
    internal static double Score(ulong clientHash, UpstreamState upstream)
    {
        var hash = StableHash.Mix(clientHash ^ upstream.AddressHash);
        return upstream.Weight / -Math.Log(StableHash.ToUnitInterval(hash));
    }
}
