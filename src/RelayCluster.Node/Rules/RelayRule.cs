using Akka.Actor;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Rules;

/// <summary>A running rule on this node: its live state, its listener and its router actor.</summary>
public sealed class RelayRule : IUdpSessionObserver
{
    private IActorRef? _router;
    private IRuleListener? _listener;
    private volatile bool _stopped;

    internal RelayRule(RuleRuntime runtime) => Runtime = runtime;

    /// <summary>The rule's live state.</summary>
    public RuleRuntime Runtime { get; }

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
}
