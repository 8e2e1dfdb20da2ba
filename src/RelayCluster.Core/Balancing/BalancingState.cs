using System.Runtime.CompilerServices;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Balancing;

/// <summary>
/// The mutable balancing state of one rule, kept by the rule's router and handed to its policy
/// with every pick. Policies are shared, so what they remember per rule lives here.
/// </summary>
public sealed class BalancingState
{
    /// <summary>Guards the state below; held only for one pick.</summary>
    internal Lock Sync { get; } = new();

    /// <summary>
    /// Smooth weighted round-robin's current weight per upstream. Weak keys let an upstream that a
    /// reload removed take its entry with it, without the rule having to say so.
    /// </summary>
    internal ConditionalWeakTable<UpstreamState, StrongBox<long>> CurrentWeights { get; } = [];
}
