namespace RelayCluster.Core.Actors.Internal;

/// <summary>Where an actor is in its lifecycle; only <see cref="Running"/> takes user messages.</summary>
internal enum ActorStatus
{
    Starting,
    Running,
    Suspended,
    Stopping,
    Stopped,
}
