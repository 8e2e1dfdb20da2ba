using Akka.Actor;

namespace RelayCluster.Node.Sessions;

/// <summary>A session whose lifecycle a <see cref="SessionActor"/> owns.</summary>
internal interface IActorOwnedSession : IRelaySession
{
    /// <summary>Starts moving data; the task ends with the reason the session ended by itself, or null when another thread does the reading.</summary>
    Task<SessionCloseReason>? Start(IActorRef router);

    /// <summary>Ends the session for <paramref name="reason"/>; idempotent.</summary>
    bool Close(SessionCloseReason reason);
}
