using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Balancing;

/// <summary>
/// Picks the upstream for a new session. A policy is a stateless singleton shared by every rule
/// that names it; whatever it must remember lives on the rule's <see cref="BalancingState"/>.
/// </summary>
public interface IBalancingPolicy
{
    /// <summary>The name that rules use for the policy in <c>balance = ...</c>.</summary>
    string Name { get; }

    /// <summary>Picks one of <paramref name="available"/>, which holds at least two upstreams, all available.</summary>
    /// <param name="context">The new session's client and the rule's balancing state.</param>
    /// <param name="available">The rule's available upstreams, in the rule's order.</param>
    /// <returns>One element of <paramref name="available"/>.</returns>
    UpstreamState Pick(BalancingContext context, IReadOnlyList<UpstreamState> available);

    /// <summary>
    /// Whether the policy lets <paramref name="upstream"/>, which is available, take a new session at all; a policy that
    /// knows an upstream is full says no, and the pick then treats it as unavailable. Every upstream by default.
    /// </summary>
    bool Admits(UpstreamState upstream) => true;
}
