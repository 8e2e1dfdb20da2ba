using System.Net;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Balancing;

/// <summary>What a policy knows when it picks the upstream for a new session.</summary>
public readonly struct BalancingContext
{
    private readonly BalancingState? _state;
    private readonly IPAddress? _clientAddress;
    private readonly Random? _random;

    /// <summary>Creates the context of one pick.</summary>
    /// <param name="state">The rule's balancing state.</param>
    /// <param name="clientAddress">The new session's client address.</param>
    /// <param name="loadScope">Whose sessions count as an upstream's load.</param>
    /// <param name="random">The randomness to use; <see cref="Random.Shared"/> when null. A seeded instance must be used by one thread at a time.</param>
    public BalancingContext(BalancingState state, IPAddress clientAddress, LoadScope loadScope = LoadScope.Node, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(clientAddress);

        _state = state;
        _random = random;
        _clientAddress = clientAddress;
        LoadScope = loadScope;
    }

    /// <summary>The rule's balancing state.</summary>
    public BalancingState State => _state ?? throw NotCreated();

    /// <summary>The new session's client address.</summary>
    public IPAddress ClientAddress => _clientAddress ?? throw NotCreated();

    /// <summary>Whose sessions count as an upstream's load.</summary>
    public LoadScope LoadScope { get; }

    /// <summary>The randomness that policies use.</summary>
    public Random Random => _random ?? Random.Shared;

    /// <summary>The sessions that count as the load of <paramref name="upstream"/> under <see cref="LoadScope"/>.</summary>
    public long SessionsOf(UpstreamState upstream) =>
        LoadScope == LoadScope.Cluster ? upstream.ActiveSessions + upstream.ClusterSessions : upstream.ActiveSessions;

    /// <summary>
    /// Compares the load per unit of weight (sessions/weight) of two upstreams: negative when
    /// <paramref name="left"/> is less loaded, zero when equal, positive when more loaded. Cross-multiplies,
    /// which is exact where division would round, in 128 bits so no published count can overflow it.
    /// </summary>
    public int CompareLoad(UpstreamState left, UpstreamState right) =>
        ((Int128)SessionsOf(left) * right.Weight).CompareTo((Int128)SessionsOf(right) * left.Weight);

    /// <summary>
    /// Weighted reservoir sampling over upstreams that tie: counts <paramref name="upstream"/>'s weight into
    /// <paramref name="tiedWeight"/> and says whether it replaces the pick so far, so that each tied upstream ends up
    /// picked with probability weight / tied weight.
    /// </summary>
    public bool TakesTie(UpstreamState upstream, ref long tiedWeight)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        tiedWeight += upstream.Weight;
        return Random.NextInt64(tiedWeight) < upstream.Weight;
    }

    private static InvalidOperationException NotCreated() =>
        new("The balancing context is empty; create it with its constructor.");
}
