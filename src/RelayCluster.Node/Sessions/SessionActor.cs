using Akka.Actor;

namespace RelayCluster.Node.Sessions;

/// <summary>
/// Owns one session's lifecycle, UDP or TCP: starts it, ends it when it finishes by itself, when it fails, or when told
/// (idle, drain, disable, shutdown). Datagrams and bytes never pass through this actor's mailbox.
/// </summary>
/// <remarks>
/// A node holds one of these per idle session, so it is kept small: an <see cref="UntypedActor"/> (no handler closures
/// per instance), one <see cref="Props"/> shared by every session (the session comes in the first message, not in the
/// props), and the <see cref="SessionMailbox"/>, which holds no queue while the mailbox is empty.
/// </remarks>
internal sealed class SessionActor : UntypedActor
{
    private IActorOwnedSession? _session;
    private SessionCloseReason _closeReason = SessionCloseReason.NodeShutdown;

    /// <summary>The props of every session actor; tell it <see cref="OwnSession"/> first.</summary>
    public static Props Props { get; } = Akka.Actor.Props.Create<SessionActor>().WithMailbox(SessionMailbox.Id);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case OwnSession own:
                Start(own.Session);
                break;
            case CloseSession close:
                StopWith(close.Reason);
                break;
            case SessionFinished { Error: null } finished:
                StopWith(finished.Reason);
                break;
            case SessionFinished finished:
                _closeReason = SessionCloseReason.Failed;
                throw new InvalidOperationException($"The session of {_session?.Client} failed.", finished.Error);
            default:
                Unhandled(message);
                break;
        }
    }

    protected override void PostStop() => _session?.Close(_closeReason);

    private void Start(IActorOwnedSession session)
    {
        _session = session;
        if (session.Start(Context.Parent) is { } run)
        {
            run.PipeTo(
                Self,
                success: reason => new SessionFinished(reason, null),
                failure: error => new SessionFinished(SessionCloseReason.Failed, error.GetBaseException()));
        }
    }

    private void StopWith(SessionCloseReason reason)
    {
        _closeReason = reason;
        Context.Stop(Self);
    }

    private sealed record SessionFinished(SessionCloseReason Reason, Exception? Error);
}

/// <summary>
/// The first message of a <see cref="SessionActor"/>: the session it owns from now on. One that reaches dead letters (the
/// actor stopped before it read it) is closed there, so its sockets never leak.
/// </summary>
internal sealed record OwnSession(IActorOwnedSession Session);

/// <summary>Tells a session actor to end its session for <paramref name="Reason"/>.</summary>
public sealed record CloseSession(SessionCloseReason Reason);
