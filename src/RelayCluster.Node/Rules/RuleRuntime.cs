using System.Collections.Concurrent;
using System.Net;
using RelayCluster.Core.Balancing;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Traffic;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Sessions;
using RelayCluster.Node.Tls;

namespace RelayCluster.Node.Rules;

/// <summary>
/// The live state of one rule on this node: its config snapshot, upstream states, balancing state, limits and counters.
/// The router actor owns changes to it; the listener reads it once per new session.
/// </summary>
public sealed class RuleRuntime
{
    private readonly IBalancingPolicy _policy;
    private readonly BalancingState _balancing = new();
    private readonly ConcurrentDictionary<IRelaySession, byte> _sessions = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates the runtime of <paramref name="config"/> with upstreams already resolved to addresses.</summary>
    public RuleRuntime(RuleConfig config, IReadOnlyList<UpstreamState> upstreams, SessionBudget budget)
    {
        Config = config;
        Upstreams = upstreams;
        if (!BalancingPolicies.TryGet(config.Balance, out var policy))
        {
            throw new ArgumentException($"Unknown balancing policy '{config.Balance}'.", nameof(config));
        }

        _policy = policy;
        var descriptorsPerSession = config.Protocol == RuleProtocol.Tcp ? 2 : 1;
        TcpBuffers = new TcpBufferPool(config.Session.BufferSize);
        RateLimiter = config.RateLimit.IsEnabled ? new ClientRateLimiter(config.RateLimit) : null;
        Limiter = new SessionLimiter(config.Session.Max, config.Session.MaxPerClientIp, budget, descriptorsPerSession);
    }

    /// <summary>The rule's name.</summary>
    public string Name => Config.Name;

    /// <summary>The rule's config snapshot.</summary>
    public RuleConfig Config { get; }

    /// <summary>The rule's upstreams in config order.</summary>
    public IReadOnlyList<UpstreamState> Upstreams { get; }

    /// <summary>Admission of new sessions.</summary>
    public SessionLimiter Limiter { get; }

    /// <summary>The read buffers of the rule's TCP sessions, of <c>session.buffer-size</c> each.</summary>
    public TcpBufferPool TcpBuffers { get; }

    /// <summary>The TLS of a tcp rule's clients or upstreams, or null when its sessions relay plain tcp.</summary>
    internal RuleTls? Tls { get; init; }

    /// <summary>The per-client-IP token buckets of <c>rate-limit</c>, or null when the rule has no limit.</summary>
    public ClientRateLimiter? RateLimiter { get; }

    /// <summary>Sessions, traffic and drops.</summary>
    public RuleCounters Counters { get; } = new();

    /// <summary>The rule's live sessions, UDP or TCP.</summary>
    public ICollection<IRelaySession> Sessions => _sessions.Keys;

    /// <summary>Counts a new session and keeps it in <see cref="Sessions"/>; called once per session.</summary>
    internal void SessionOpened(IRelaySession session)
    {
        _sessions.TryAdd(session, 0);
        Counters.SessionOpened();
    }

    /// <summary>Counts an ended session and folds its traffic into the rule's totals; called once per session.</summary>
    internal void SessionClosed(IRelaySession session, SessionCloseReason reason)
    {
        _sessions.TryRemove(session, out _);
        Counters.SessionClosed(reason, session.Traffic);
    }

    /// <summary>Traffic of the rule so far: ended sessions plus the live ones.</summary>
    public TrafficTotals Traffic()
    {
        var total = new TrafficTotals();
        var ended = Counters.EndedTraffic;
        total.Add(ended.PacketsToUpstream, ended.BytesToUpstream, ended.PacketsToClient, ended.BytesToClient);
        foreach (var session in _sessions.Keys)
        {
            session.Traffic.AddTo(total);
        }

        return total;
    }

    /// <summary>
    /// Picks the upstream for a new session of <paramref name="client"/>, leaving out <paramref name="exclude"/>
    /// (upstreams this session already failed to connect to), or null when none is available.
    /// </summary>
    public UpstreamState? PickUpstream(IPAddress client, IReadOnlyCollection<UpstreamState>? exclude = null)
    {
        // Mapped IPv4 and plain IPv4 are the same client: hash-client-ip must send both to the same upstream.
        var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        var context = new BalancingContext(_balancing, address, Config.LoadScope);
        if (exclude is not { Count: > 0 })
        {
            return UpstreamPicker.Pick(_policy, context, Upstreams);
        }

        var candidates = new List<UpstreamState>(Upstreams.Count);
        foreach (var upstream in Upstreams)
        {
            if (!exclude.Contains(upstream))
            {
                candidates.Add(upstream);
            }
        }

        return UpstreamPicker.Pick(_policy, context, candidates);
    }
}
