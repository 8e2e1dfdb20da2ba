using RelayCluster.Core.Actors.Internal;

namespace RelayCluster.Core.Actors;

/// <summary>A hierarchy of actors under one root guardian, with shared settings, clock and event sink.</summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly ActorCell _guardian;
    private long _deadLetterCount;
    private long _mailboxFullCount;

    /// <summary>Creates a system named <paramref name="name"/>.</summary>
    public ActorSystem(string name, ActorSystemOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Options = options ?? new ActorSystemOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.DefaultMailboxCapacity, 1, nameof(options));
        _guardian = ActorCell.CreateGuardian(this);
    }

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>The clock for timers, ask timeouts and restart windows.</summary>
    public TimeProvider TimeProvider => Options.TimeProvider;

    /// <summary>How many messages were sent to actors that had stopped, or left in their mailboxes when they did.</summary>
    public long DeadLetterCount => Interlocked.Read(ref _deadLetterCount);

    /// <summary>How many messages were rejected because the target's mailbox was full.</summary>
    public long MailboxFullCount => Interlocked.Read(ref _mailboxFullCount);

    /// <summary>Completes when every actor has stopped after <see cref="TerminateAsync"/>.</summary>
    public Task Terminated => _guardian.Terminated;

    internal ActorSystemOptions Options { get; }

    /// <summary>Creates a top-level actor under the root guardian; throws if one already has that name.</summary>
    public ActorRef Spawn(Props props, string name) => _guardian.SpawnChild(props, name);

    /// <summary>Creates a top-level actor made by <paramref name="factory"/>.</summary>
    public ActorRef Spawn<TActor>(Func<TActor> factory, string name)
        where TActor : Actor => _guardian.SpawnChild(Props.Create(factory), name);

    /// <summary>Asks an actor to stop once the message it is handling is done; its children stop first.</summary>
    public void Stop(ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is ActorCell cell)
        {
            if (cell.System != this)
            {
                throw new ArgumentException($"{actor.Path} belongs to another actor system.", nameof(actor));
            }

            cell.SendSystem(SystemMessage.Stop);
        }
    }

    /// <summary>Stops an actor and completes when it and its children have stopped.</summary>
    public Task StopAsync(ActorRef actor)
    {
        Stop(actor);
        return actor.Terminated;
    }

    /// <summary>Lists the paths of all live actors, depth first, siblings in name order.</summary>
    public IReadOnlyList<ActorPath> ListActors()
    {
        var paths = new List<ActorPath>();
        _guardian.CollectPaths(paths);
        return paths;
    }

    /// <summary>Stops every actor, children before their parents, and completes when all have stopped.</summary>
    /// <remarks>An actor stops only between messages, so one stuck in a handler holds up its parents.</remarks>
    public Task TerminateAsync()
    {
        _guardian.SendSystem(SystemMessage.Stop);
        return _guardian.Terminated;
    }

    /// <summary>Stops every actor, as <see cref="TerminateAsync"/> does.</summary>
    public async ValueTask DisposeAsync() => await TerminateAsync();

    /// <summary>Returns the system's name.</summary>
    public override string ToString() => Name;

    internal void OnUndelivered(ActorPath path, object message, bool mailboxFull)
    {
        if (mailboxFull)
        {
            Interlocked.Increment(ref _mailboxFullCount);
            Emit(ActorEventKind.MailboxFull, path, message);
        }
        else
        {
            Interlocked.Increment(ref _deadLetterCount);
            Emit(ActorEventKind.DeadLetter, path, message);
        }
    }

    internal void Emit(ActorEventKind kind, ActorPath path, object? message = null, Exception? exception = null)
    {
        var sink = Options.EventSink;
        if (sink is null)
        {
            return;
        }

        try
        {
            sink(new ActorEvent(kind, path, message, exception));
        }
        catch (Exception)
        {
            // A faulty sink must not break the actor whose lifecycle step reported the event.
        }
    }
}
