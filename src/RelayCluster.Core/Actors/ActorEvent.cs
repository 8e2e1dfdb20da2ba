namespace RelayCluster.Core.Actors;

/// <summary>Something that happened to an actor, reported to <see cref="ActorSystemOptions.EventSink"/>.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Path">The actor it happened to.</param>
/// <param name="Message">The message involved, for dead letters and rejections.</param>
/// <param name="Exception">The exception involved, for failures.</param>
public sealed record ActorEvent(ActorEventKind Kind, ActorPath Path, object? Message = null, Exception? Exception = null);
