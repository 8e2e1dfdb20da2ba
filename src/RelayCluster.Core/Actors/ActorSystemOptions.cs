namespace RelayCluster.Core.Actors;

/// <summary>Settings for an <see cref="ActorSystem"/>.</summary>
public sealed class ActorSystemOptions
{
    /// <summary>The mailbox size of actors whose props do not set one.</summary>
    public int DefaultMailboxCapacity { get; init; } = 1024;

    /// <summary>The clock for timers, ask timeouts and restart windows.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How the root guardian supervises top-level actors, and the default for every parent.</summary>
    public SupervisorStrategy SupervisorStrategy { get; init; } = SupervisorStrategy.Default;

    /// <summary>Receives lifecycle, failure and delivery events; it must be quick and must not throw.</summary>
    public Action<ActorEvent>? EventSink { get; init; }
}
