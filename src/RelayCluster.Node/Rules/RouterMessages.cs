using Akka.Actor;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Rules;

/// <summary>A listener opened <paramref name="Session"/>; the router spawns its <see cref="SessionActor"/> and supervises it.</summary>
internal sealed record SessionStarted(IActorOwnedSession Session);

/// <summary>Sets an upstream's admin state; replies true, or false when the rule has no such upstream.</summary>
internal sealed record SetUpstreamAdminState(string Address, UpstreamAdminState State);

/// <summary>Asks the router to stop opening sessions; existing ones continue.</summary>
internal sealed record StopAccepting
{
    public static readonly StopAccepting Instance = new();
}

/// <summary>Asks the router to end every session for <paramref name="Reason"/>; replies <see cref="SessionsClosed"/> when they have ended.</summary>
internal sealed record CloseAllSessions(SessionCloseReason Reason);

/// <summary>The reply to <see cref="CloseAllSessions"/>.</summary>
internal sealed record SessionsClosed(int Count);

/// <summary>The router's periodic look for sessions past the idle timeout.</summary>
internal sealed record SweepIdleSessions
{
    public static readonly SweepIdleSessions Instance = new();
}

/// <summary>
/// The rule changed in place: <paramref name="Health"/> is its health actor now, and sessions on <paramref name="Removed"/>
/// upstreams end with <see cref="SessionCloseReason.RuleChanged"/>. Replies true.
/// </summary>
internal sealed record RuleUpdated(IActorRef? Health, IReadOnlyCollection<UpstreamState> Removed);
