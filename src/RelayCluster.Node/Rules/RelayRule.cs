using RelayCluster.Core.Actors;
using RelayCluster.Node.Listeners;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Rules;

/// <summary>A running rule on this node: its live state, its listener and its router actor.</summary>
public sealed class RelayRule : IUdpSessionObserver
{
    private ActorRef? _router;
    private IRuleListener? _listener;

    internal RelayRule(RuleRuntime runtime) => Runtime = runtime;

    /// <summary>The rule's live state.</summary>
    public RuleRuntime Runtime { get; }

    /// <summary>The rule's listener.</summary>
    public IRuleListener Listener => _listener ?? throw new InvalidOperationException("The rule has not started.");

    /// <summary>The rule's router actor.</summary>
    public ActorRef Router => _router ?? throw new InvalidOperationException("The rule has not started.");

    /// <summary>The rule's health actor, or null with <c>check = none</c>.</summary>
    public ActorRef? Health { get; internal set; }

    internal void Attach(IRuleListener listener, ActorRef router, ActorRef? health)
    {
        _listener = listener;
        _router = router;
        Health = health;
    }

    void IUdpSessionObserver.SessionStarted(UdpSession session) =>
        StartSession(session, Props.Create(() => new SessionActor(session)), () => session.Close(SessionCloseReason.Failed));

    /// <summary>Hands a new session to the router; when the router cannot take it, <paramref name="abandon"/> ends it at once.</summary>
    internal void StartSession(IRelaySession session, Props actor, Action abandon)
    {
        if (_router is null || !_router.Tell(new SessionStarted(session, actor)))
        {
            // Nobody can own this session: end it now rather than leak its sockets.
            abandon();
        }
    }
}
