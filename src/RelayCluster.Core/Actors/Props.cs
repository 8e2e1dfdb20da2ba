namespace RelayCluster.Core.Actors;

/// <summary>How to create an actor: its factory (called again on every restart) and its mailbox size.</summary>
public sealed class Props
{
    private Props(Func<Actor> factory, int mailboxCapacity)
    {
        Factory = factory;
        MailboxCapacity = mailboxCapacity;
    }

    /// <summary>Creates new instances of the actor.</summary>
    public Func<Actor> Factory { get; }

    /// <summary>The most messages the mailbox holds; 0 means the system's default.</summary>
    public int MailboxCapacity { get; }

    /// <summary>Creates props for actors made by <paramref name="factory"/>.</summary>
    public static Props Create<TActor>(Func<TActor> factory)
        where TActor : Actor
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(factory, 0);
    }

    /// <summary>Returns a copy whose mailbox holds at most <paramref name="capacity"/> messages.</summary>
    public Props WithMailboxCapacity(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return new Props(Factory, capacity);
    }
}
