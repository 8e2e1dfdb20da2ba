using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace RelayCluster.Core.Balancing;

/// <summary>The built-in balancing policies, by the names rules use in <c>balance = ...</c>.</summary>
public static class BalancingPolicies
{
    /// <summary>Smooth weighted round-robin, as nginx does it.</summary>
    public const string RoundRobin = "round-robin";

    /// <summary>The upstream with the fewest sessions per unit of weight; examines every upstream.</summary>
    public const string LeastSessions = "least-sessions";

    /// <summary>The less loaded of two upstreams drawn at random by weight (the power of two choices).</summary>
    public const string RandomTwo = "random-two";

    /// <summary>The same upstream for the same client IP on every node, by weighted rendezvous hashing.</summary>
    public const string HashClientIp = "hash-client-ip";

    /// <summary>The game server with the most free player slots, as its probe reports them; a full one gets no new session.</summary>
    public const string MostFreeSlots = "most-free-slots";

    private static readonly FrozenDictionary<string, IBalancingPolicy> s_policies = new IBalancingPolicy[]
    {
        new RoundRobinBalancingPolicy(),
        new LeastSessionsBalancingPolicy(),
        new RandomTwoBalancingPolicy(),
        new HashClientIpBalancingPolicy(),
        new MostFreeSlotsBalancingPolicy(),
    }.ToFrozenDictionary(policy => policy.Name, StringComparer.Ordinal);

    /// <summary>The names of all built-in policies, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = [RoundRobin, LeastSessions, RandomTwo, HashClientIp, MostFreeSlots];

    /// <summary>Finds the policy with the given name; names are matched exactly.</summary>
    public static bool TryGet(string name, [NotNullWhen(true)] out IBalancingPolicy? policy) =>
        s_policies.TryGetValue(name, out policy);
}
