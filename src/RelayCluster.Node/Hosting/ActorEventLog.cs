using Microsoft.Extensions.Logging;
using RelayCluster.Core.Actors;

namespace RelayCluster.Node.Hosting;

/// <summary>Writes the actor kernel's events to the node's log: failures and restarts as warnings, the rest at debug level.</summary>
internal static partial class ActorEventLog
{
    public static Action<ActorEvent> Sink(ILogger logger) => actorEvent =>
    {
        switch (actorEvent.Kind)
        {
            case ActorEventKind.Failed:
                ActorFailed(logger, actorEvent.Path.ToString(), actorEvent.Exception?.Message ?? "", actorEvent.Exception);
                break;
            case ActorEventKind.Restarted:
                ActorRestarted(logger, actorEvent.Path.ToString());
                break;
            case ActorEventKind.MailboxFull:
                MailboxFull(logger, actorEvent.Path.ToString(), actorEvent.Message?.GetType().Name ?? "");
                break;
            default:
                ActorEventDebug(logger, actorEvent.Kind, actorEvent.Path.ToString());
                break;
        }
    };

    [LoggerMessage(1400, LogLevel.Warning, "Actor {Path} failed: {Reason}")]
    private static partial void ActorFailed(ILogger logger, string path, string reason, Exception? exception);

    [LoggerMessage(1401, LogLevel.Warning, "Actor {Path} restarted")]
    private static partial void ActorRestarted(ILogger logger, string path);

    [LoggerMessage(1402, LogLevel.Warning, "Actor {Path} refused {Message}: mailbox full")]
    private static partial void MailboxFull(ILogger logger, string path, string message);

    [LoggerMessage(1403, LogLevel.Trace, "Actor {Path}: {Kind}")]
    private static partial void ActorEventDebug(ILogger logger, ActorEventKind kind, string path);
}
