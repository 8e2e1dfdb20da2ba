using Akka.Actor;

namespace RelayCluster.Node.Sessions;

/// <summary>
/// Owns one session's lifecycle, UDP or TCP: starts it, ends it when it finishes by itself, when it fails, or when told
/// (idle, drain, disable, shutdown). Datagrams and bytes never pass through this actor's mailbox.
/// </summary>
internal sealed class SessionActor : ReceiveActor
{
    private readonly IActorOwnedSession _session;
    private SessionCloseReason _closeReason = SessionCloseReason.NodeShutdown;

    public SessionActor(IActorOwnedSession session)
    {
        _session = session;
        Receive<CloseSession>(close => StopWith(close.Reason));
        Receive<SessionFinished>(finished => finished.Error is null, finished => StopWith(finished.Reason));
        Receive<SessionFinished>(finished =>
        {
            _closeReason = SessionCloseReason.Failed;
            throw new InvalidOperationException($"The session of {_session.Client} failed.", finished.Error);
        });
    }

    /// <summary>The props of the actor owning <paramref name="session"/>.</summary>
    public static Props Props(IActorOwnedSession session) => Akka.Actor.Props.Create(() => new SessionActor(session));

    protected override void PreStart()
    {
        if (_session.Start(Context.Parent) is { } run)
        {
            run.PipeTo(
                Self,
                success: reason => new SessionFinished(reason, null),
                failure: error => new SessionFinished(SessionCloseReason.Failed, error.GetBaseException()));
        }
    }

    protected override void PostStop() => _session.Close(_closeReason);

    private void StopWith(SessionCloseReason reason)
    {
        _closeReason = reason;
        Context.Stop(Self);
    }

    private sealed record SessionFinished(SessionCloseReason Reason, Exception? Error);
}

/// <summary>Tells a session actor to end its session for <paramref name="Reason"/>.</summary>
public sealed record CloseSession(SessionCloseReason Reason);
