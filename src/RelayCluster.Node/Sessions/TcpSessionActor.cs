using RelayCluster.Core.Actors;
using RelayCluster.Node.Rules;

namespace RelayCluster.Node.Sessions;

/// <summary>
/// Owns one TCP session's lifecycle: starts its connect-and-pump task, ends the session when the task finishes or when
/// told (idle, drain, shutdown). Bytes never pass through this actor's mailbox.
/// </summary>
internal sealed class TcpSessionActor : Actor
{
    private readonly TcpSession _session;
    private SessionCloseReason _closeReason = SessionCloseReason.NodeShutdown;

    public TcpSessionActor(TcpSession session) => _session = session;

    protected override ValueTask PreStartAsync()
    {
        var self = Self;
        var router = Context.Parent;
        _session.ConnectFailed = (upstream, reason, detail) => router.Tell(new UpstreamConnectFailed(upstream, reason, detail));
        _ = _session.RunAsync().ContinueWith(
            static (run, state) => ((ActorRef)state!).Tell(run.IsCompletedSuccessfully
                ? new SessionFinished(run.Result, null)
                : new SessionFinished(SessionCloseReason.Failed, run.Exception?.GetBaseException())),
            self,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
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
