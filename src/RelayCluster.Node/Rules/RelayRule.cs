using System.Collections.Concurrent;
using System.Net;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using RelayCluster.Core.Balancing;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Admission;
using RelayCluster.Node.Sessions;
using RelayCluster.Node.Tls;

namespace RelayCluster.Node.Rules;

/// <summary>
/// A running rule on this node: its config snapshot, upstream states, balancing state, limits and counters, and the
/// listener, router actor and health actor that serve it. The router actor owns changes to the live state; the listener
/// reads it once per new session and hands each new session to the router through it.
/// </summary>
public sealed class RelayRule : IUdpSessionObserver, ITcpSessionRule
{
    private volatile RuleConfig _config;
    private volatile IReadOnlyList<UpstreamState> _upstreams;
    private volatile TokenTable? _tokens;
    private readonly ConcurrentDictionary<IRelaySession, byte> _sessions = new(ReferenceEqualityComparer.Instance);
    private readonly ISessionDurations? _metrics;
    private IActorRef? _router;
    private IRuleListener? _listener;
    private volatile bool _stopped;

    /// <summary>Creates the rule of <paramref name="config"/> with upstreams already resolved to addresses; it serves no traffic until attached.</summary>
    /// <param name="config">The rule's config snapshot.</param>
    /// <param name="upstreams">The rule's upstreams in config order.</param>
    /// <param name="budget">The node's descriptor budget, shared by every rule.</param>
    /// <param name="metrics">The node's metrics, which record each ended session's duration; none when null.</param>
    /// <param name="logger">Where refusals and drops are logged (at most once per reason every 10 s); nowhere when null.</param>
    public RelayRule(RuleConfig config, IReadOnlyList<UpstreamState> upstreams, SessionBudget budget, ISessionDurations? metrics = null, ILogger? logger = null)
    {
        _config = config;
        _upstreams = upstreams;
        _tokens = Tokens(config, upstreams);
        _metrics = metrics;
        Counters = new RuleCounters(config.Name, logger);
        var descriptorsPerSession = config.Protocol == RuleProtocol.Tcp ? 2 : 1;
        TcpBuffers = new TcpBufferPool(config.Session.BufferSize);
        Limiter = new SessionLimiter(config.Session.Max, config.Session.MaxPerClientIp, budget, descriptorsPerSession);
        Admission = new AdmissionChain(config, upstreams, Limiter, Counters.Dropped);
    }

    /// <summary>The rule's name.</summary>
    public string Name => Config.Name;

    /// <summary>The rule's config snapshot; replaced as a whole when the rule changes in place.</summary>
    public RuleConfig Config => _config;

    /// <summary>The rule's upstreams in config order.</summary>
    public IReadOnlyList<UpstreamState> Upstreams => _upstreams;

    /// <summary>The places new sessions take in the rule's and the node's caps.</summary>
    public SessionLimiter Limiter { get; }

    /// <summary>The checks every new session passes, from draining to the upstream pick.</summary>
    public AdmissionChain Admission { get; }

    /// <summary>The read buffers of the rule's TCP sessions, of <c>session.buffer-size</c> each.</summary>
    public TcpBufferPool TcpBuffers { get; }

    /// <summary>The TLS of a tcp rule's clients or upstreams, or null when its sessions relay plain tcp.</summary>
    internal RuleTls? Tls { get; init; }

    /// <summary>The node's shared client-to-upstream table, or null when the rule runs without one (tests).</summary>
    internal IClientAffinity? Affinity { get; init; }

    /// <summary>
    /// The upstream the cluster remembers for <paramref name="client"/>, for a udp rule with <c>session.affinity = cluster</c>;
    /// null when there is none (or it is no longer one of the rule's upstreams): the rule's policy picks.
    /// </summary>
    internal UpstreamState? SharedUpstream(IPEndPoint client) =>
        Affinity is { } affinity && _config.Session.Affinity == SessionAffinity.Cluster ? affinity.Find(Name, client, _upstreams) : null;

    /// <summary>Shares the upstream of a new udp session with the cluster, with <c>session.affinity = cluster</c>.</summary>
    internal void ShareUpstream(IPEndPoint client, UpstreamState upstream)
    {
        var config = _config;
        if (Affinity is { } affinity && config.Session.Affinity == SessionAffinity.Cluster)
        {
            affinity.Opened(config.Name, client, upstream.Address, config.Session.IdleTimeout);
        }
    }

    RuleTls? ITcpSessionRule.Tls => Tls;

    /// <summary>Which upstream each routing token names, or null when the rule does not route by token.</summary>
    public TokenTable? TokenTable => _tokens;

    /// <summary>Sessions, traffic and drops.</summary>
    public RuleCounters Counters { get; }

    /// <summary>The rule's live sessions, UDP or TCP.</summary>
    public ICollection<IRelaySession> Sessions => _sessions.Keys;

    /// <summary>The rule's listener.</summary>
    public IRuleListener Listener => _listener ?? throw new InvalidOperationException("The rule has not started.");

    /// <summary>The rule's router actor.</summary>
    public IActorRef Router => _router ?? throw new InvalidOperationException("The rule has not started.");

    /// <summary>The rule's health actor, or null with <c>check = none</c>.</summary>
    public IActorRef? Health { get; internal set; }

    internal void Attach(IRuleListener listener, IActorRef router, IActorRef? health)
    {
        _listener = listener;
        _router = router;
        Health = health;
    }

    /// <summary>Marks the router as gone: sessions opened from now on are ended at once instead of handed to it.</summary>
    internal void Detach() => _stopped = true;

    void IUdpSessionObserver.SessionStarted(UdpSession session) => StartSession(session);

    /// <summary>Hands a new session to the router, which spawns its actor; when there is no router to take it the session ends at once.</summary>
    internal void StartSession(IActorOwnedSession session)
    {
        if (_router is null || _stopped)
        {
            // Nobody can own this session: end it now rather than leak its sockets.
            session.Close(SessionCloseReason.Failed);
            return;
        }

        _router.Tell(new SessionStarted(session));
    }

    UpstreamState? ITcpSessionRule.PickUpstream(IPAddress client, IReadOnlyCollection<UpstreamState>? exclude) =>
        Admission.PickUpstream(client, exclude: exclude);

    void ITcpSessionRule.SessionClosed(IRelaySession session, SessionCloseReason reason) => SessionClosed(session, reason);

    /// <summary>
    /// Switches the rule to <paramref name="config"/> for every new session: a change that keeps the listener (see
    /// <see cref="RuleChanges.CanUpdateInPlace"/>). Sessions already open keep their upstream.
    /// </summary>
    internal void Update(RuleConfig config, IReadOnlyList<UpstreamState> upstreams)
    {
        Admission.Update(config, upstreams);
        _upstreams = upstreams;
        _tokens = Tokens(config, upstreams);
        _config = config;
    }

    private static TokenTable? Tokens(RuleConfig config, IReadOnlyList<UpstreamState> upstreams) =>
        config.Token is { } token ? new TokenTable(token, config.Upstreams, upstreams) : null;

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
        _metrics?.SessionEnded(this, session);
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
}
