namespace RelayCluster.Core.Actors.Internal;

/// <summary>A message in a mailbox with the sender it came from.</summary>
internal readonly record struct Envelope(object Message, ActorRef? Sender);
