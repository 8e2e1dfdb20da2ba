using RelayCluster.Core.Actors;

namespace RelayCluster.Node.Sessions;

/// <summary>
/// Owns one UDP session's lifecycle: starts its upstream reader, ends it when told (idle, drain, rule change) or when it fails.
/// Datagrams never pass through this actor's mailbox.
/// </summary>
internal sealed class UdpSessionActor : Actor
{
    private readonly UdpSession _session;
    private SessionCloseReason _closeReason = SessionCloseReason.NodeShutdown;

    public UdpSessionActor(UdpSession session) => _session = session;

    protected override ValueTask PreStartAsync()
    {
        if (_session.StartReading() is not { } reader)
        {
            return ValueTask.CompletedTask;
        }

        var self = Self;
        _ = reader.ContinueWith(
            static (reader, state) =>
            {
                if (reader.Exception is { } failure)
                {
                    ((ActorRef)state!).Tell(new SessionFailed(failure.GetBaseException()));
                }
            },
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
            case SessionFailed failed:
                _closeReason = SessionCloseReason.Failed;
                throw new InvalidOperationException($"The session of {_session.Client} failed.", failed.Error);
        }

        return ValueTask.CompletedTask;
    }

    protected override ValueTask PostStopAsync()
    {
        _session.Close(_closeReason);
        return ValueTask.CompletedTask;
    }

    private sealed record SessionFailed(Exception Error);
}

/// <summary>Tells a session actor to end its session for <paramref name="Reason"/>.</summary>
public sealed record CloseSession(SessionCloseReason Reason);
