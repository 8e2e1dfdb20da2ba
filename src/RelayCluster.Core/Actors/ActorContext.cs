using RelayCluster.Core.Actors.Internal;

namespace RelayCluster.Core.Actors;

/// <summary>An actor's view of itself: its references, children, watches and timers.</summary>
public sealed class ActorContext
{
    private readonly ActorCell _cell;

    internal ActorContext(ActorCell cell) => _cell = cell;

    /// <summary>The system the actor belongs to.</summary>
    public ActorSystem System => _cell.System;

    /// <summary>This actor's reference.</summary>
    public ActorRef Self => _cell;

    /// <summary>The supervising parent; the root guardian for top-level actors.</summary>
    public ActorRef Parent => _cell.Parent ?? _cell;

    /// <summary>The sender of the message being handled, if it gave one.</summary>
    public ActorRef? Sender => _cell.CurrentSender;

    /// <summary>A snapshot of the live children.</summary>
    public IReadOnlyList<ActorRef> Children => _cell.GetChildren();

    /// <summary>Returns the live child named <paramref name="name"/>, if any.</summary>
    public ActorRef? Child(string name) => _cell.GetChild(name);

    /// <summary>Creates a child actor; throws if a live child already has that name.</summary>
    public ActorRef Spawn(Props props, string name) => _cell.SpawnChild(props, name);

    /// <summary>Creates a child actor made by <paramref name="factory"/>.</summary>
    public ActorRef Spawn<TActor>(Func<TActor> factory, string name)
        where TActor : Actor => _cell.SpawnChild(Props.Create(factory), name);

    /// <summary>Stops this actor or one of its children after the message being handled; children stop before their parent.</summary>
    public void Stop(ActorRef actor) => _cell.StopSelfOrChild(actor);

    /// <summary>Sends <see cref="Terminated"/> to this actor when <paramref name="actor"/> stops, at once if it already has.</summary>
    public void Watch(ActorRef actor) => _cell.Watch(actor);

    /// <summary>Stops watching <paramref name="actor"/>.</summary>
    public void Unwatch(ActorRef actor) => _cell.Unwatch(actor);

    /// <summary>Replies to the sender of the message being handled; returns <see langword="false"/> if there is none or it did not accept.</summary>
    public bool Reply(object message) => _cell.CurrentSender?.Tell(message, _cell) ?? false;

    /// <summary>Sends <paramref name="message"/> to this actor once after <paramref name="delay"/>; dispose the result to cancel, and a stop or restart cancels it too.</summary>
    public IDisposable ScheduleOnce(TimeSpan delay, object message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return _cell.Schedule(delay, Timeout.InfiniteTimeSpan, message);
    }

    /// <summary>Sends <paramref name="message"/> to this actor after <paramref name="initialDelay"/> and then every <paramref name="interval"/> until cancelled, stopped or restarted.</summary>
    public IDisposable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, object message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return _cell.Schedule(initialDelay, interval, message);
    }
}
