namespace RelayCluster.Core.Actors;

/// <summary>Tells a parent or watcher that <paramref name="Actor"/> has stopped.</summary>
/// <param name="Actor">The actor that stopped.</param>
public sealed record Terminated(ActorRef Actor);
