using System.Net;
using RelayCluster.Core.Balancing;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Admission;

/// <summary>
/// Step 5 of admission: the upstream of a new session, from the rule's stateless balancing policy with the rule's
/// <see cref="BalancingState"/>, among the available upstreams the policy admits (<c>most-free-slots</c> leaves out full
/// servers). A token-routed session's upstream is the one its token names, when available; a client whose upstream the
/// cluster remembers (<c>session.affinity = cluster</c>) gets that one back when available. Runs once per new session (on
/// the listener's thread, so no mailbox hop delays a peer's first datagram), never per datagram.
/// </summary>
internal sealed class UpstreamPickStep
{
    /// <summary>The step's name in <see cref="AdmissionChain.StepNames"/>.</summary>
    public const string Name = "upstream-pick";

    private readonly BalancingState _balancing = new();
    private volatile Snapshot _snapshot;

    public UpstreamPickStep(RuleConfig config, IReadOnlyList<UpstreamState> upstreams) => _snapshot = new Snapshot(Policy(config), upstreams, config.LoadScope);

    /// <summary>Takes the policy and upstreams of a rule changed in place; throws before changing anything on an unknown policy.</summary>
    public void Update(RuleConfig config, IReadOnlyList<UpstreamState> upstreams) => _snapshot = new Snapshot(Policy(config), upstreams, config.LoadScope);

    /// <summary>
    /// Picks for <paramref name="client"/>, leaving out <paramref name="exclude"/>; null when none is available.
    /// <paramref name="shared"/>, the upstream the cluster remembers for the client, wins when it is still one of the
    /// rule's upstreams and available; otherwise the policy picks as for any new client.
    /// </summary>
    public UpstreamState? Pick(IPAddress client, UpstreamState? routed, IReadOnlyCollection<UpstreamState>? exclude, UpstreamState? shared = null)
    {
        if (routed is not null)
        {
            return routed.IsAvailable ? routed : null;
        }

        var snapshot = _snapshot;
        if (shared is { IsAvailable: true } && snapshot.Upstreams.Contains(shared) && exclude?.Contains(shared) != true)
        {
            return shared;
        }

        // Mapped IPv4 and plain IPv4 are the same client: hash-client-ip must send both to the same upstream.
        var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        var context = new BalancingContext(_balancing, address, snapshot.LoadScope);
        if (exclude is not { Count: > 0 })
        {
            return UpstreamPicker.Pick(snapshot.Policy, context, snapshot.Upstreams);
        }

        var candidates = new List<UpstreamState>(snapshot.Upstreams.Count);
        foreach (var upstream in snapshot.Upstreams)
        {
            if (!exclude.Contains(upstream))
            {
                candidates.Add(upstream);
            }
        }

        return UpstreamPicker.Pick(snapshot.Policy, context, candidates);
    }

    private static IBalancingPolicy Policy(RuleConfig config) =>
        BalancingPolicies.TryGet(config.Balance, out var policy)
            ? policy
            : throw new ArgumentException($"Unknown balancing policy '{config.Balance}'.", nameof(config));

    private sealed record Snapshot(IBalancingPolicy Policy, IReadOnlyList<UpstreamState> Upstreams, LoadScope LoadScope);
}
