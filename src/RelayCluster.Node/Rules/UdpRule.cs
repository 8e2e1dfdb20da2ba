using RelayCluster.Core.Actors;
using RelayCluster.Node.Listeners;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Rules;

/// <summary>A running UDP rule on this node: its runtime state, its listener and its router actor.</summary>
public sealed class UdpRule : IUdpSessionObserver
{
    private ActorRef? _router;
    private UdpListener? _listener;

    internal UdpRule(RuleRuntime runtime) => Runtime = runtime;

    /// <summary>The rule's live state.</summary>
    public RuleRuntime Runtime { get; }

    /// <summary>The rule's listener.</summary>
    public UdpListener Listener => _listener ?? throw new InvalidOperationException("The rule has not started.");

    /// <summary>The rule's router actor.</summary>
    public ActorRef Router => _router ?? throw new InvalidOperationException("The rule has not started.");

    internal void Attach(UdpListener listener, ActorRef router)
    {
        _listener = listener;
        _router = router;
    }

    void IUdpSessionObserver.SessionStarted(UdpSession session)
    {
        if (_router is null || !_router.Tell(new UdpSessionStarted(session)))
        {
            // Nobody can own this session: end it now rather than leak its socket.
            session.Close(SessionCloseReason.Failed);
        }
    }
}
