namespace RelayCluster.Core.Actors;

/// <summary>The kinds of things an actor system reports to its event sink.</summary>
public enum ActorEventKind
{
    /// <summary>An actor finished its start hook.</summary>
    Started,

    /// <summary>An actor stopped.</summary>
    Stopped,

    /// <summary>An actor threw from a handler or hook.</summary>
    Failed,

    /// <summary>An actor was replaced by a new instance after a failure.</summary>
    Restarted,

    /// <summary>A message could not be delivered because its target had stopped.</summary>
    DeadLetter,

    /// <summary>A message was rejected because its target's mailbox was full.</summary>
    MailboxFull,
}
