using RelayCluster.Core.Actors;

namespace RelayCluster.Node.Sessions;

/// <summary>
/// Owns one session's lifecycle, UDP or TCP: starts it, ends it when it finishes by itself, when it fails, or when told
/// (idle, drain, disable, shutdown). Datagrams and bytes never pass through this actor's mailbox.
/// </summary>
internal sealed class SessionActor : Actor
{
    private readonly IActorOwnedSession _session;
    private SessionCloseReason _closeReason = SessionCloseReason.NodeShutdown;

    public SessionActor(IActorOwnedSession session) => _session = session;

    protected override ValueTask PreStartAsync()
    {
        if (_session.Start(Context.Parent) is { } run)
        {
            _ = run.ContinueWith(
                static (run, state) => ((ActorRef)state!).Tell(run.IsCompletedSuccessfully
                    ? new SessionFinished(run.Result, null)
                    : new SessionFinished(SessionCloseReason.Failed, run.Exception?.GetBaseException())),
                Self,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return ValueTask.CompletedTask;
    }

    protected override ValueTask ReceiveAsync(object message)
    {
        switch (message)
        {
            case CloseSession close:
                _closeReason = close.Reason;
                Context.Stop(Self);
                break;
            case SessionFinished { Error: { } error }:
                _closeReason = SessionCloseReason.Failed;
                throw new InvalidOperationException($"The session of {_session.Client} failed.", error);
            case SessionFinished finished:
                _closeReason = finished.Reason;
                Context.Stop(Self);
                break;
        }

        return ValueTask.CompletedTask;
    }

    protected override ValueTask PostStopAsync()
    {
        _session.Close(_closeReason);
        return ValueTask.CompletedTask;
    }

    private sealed record SessionFinished(SessionCloseReason Reason, Exception? Error);
}

/// <summary>Tells a session actor to end its session for <paramref name="Reason"/>.</summary>
public sealed record CloseSession(SessionCloseReason Reason);
