namespace RelayCluster.Core.Actors;

/// <summary>The base of every actor: handles one message at a time from its own mailbox.</summary>
public abstract class Actor
{
    [ThreadStatic]
    private static ActorContext? s_creating;

    /// <summary>Binds the new instance to the context of the actor being created.</summary>
    protected Actor()
    {
        Context = s_creating ?? throw new InvalidOperationException(
            "Actors are created by an ActorSystem from Props, not directly.");
    }

    /// <summary>The actor's view of itself and its place in the hierarchy; use it only while handling a message or hook.</summary>
    protected ActorContext Context { get; }

    /// <summary>This actor's reference.</summary>
    protected ActorRef Self => Context.Self;

    /// <summary>The sender of the message being handled, if it gave one.</summary>
    protected ActorRef? Sender => Context.Sender;

    /// <summary>How this actor supervises its children; <see langword="null"/> uses the system's default.</summary>
    protected virtual SupervisorStrategy? SupervisorStrategy => null;

    /// <summary>Handles one message; an exception is passed to the parent's supervisor strategy.</summary>
    protected abstract ValueTask ReceiveAsync(object message);

    /// <summary>Runs before the first message is handled.</summary>
    protected virtual ValueTask PreStartAsync() => ValueTask.CompletedTask;

    /// <summary>Runs after the actor and all its children have stopped.</summary>
    protected virtual ValueTask PostStopAsync() => ValueTask.CompletedTask;

    /// <summary>Runs on the failed instance, after its children stopped, before it is replaced; calls <see cref="PostStopAsync"/> by default.</summary>
    protected virtual ValueTask PreRestartAsync(Exception reason) => PostStopAsync();

    /// <summary>Runs on the new instance after a restart; calls <see cref="PreStartAsync"/> by default.</summary>
    protected virtual ValueTask PostRestartAsync(Exception reason) => PreStartAsync();

    internal SupervisorStrategy? GetSupervisorStrategy() => SupervisorStrategy;

    internal ValueTask InvokeReceiveAsync(object message) => ReceiveAsync(message);

    internal ValueTask InvokePreStartAsync() => PreStartAsync();

    internal ValueTask InvokePostStopAsync() => PostStopAsync();

    internal ValueTask InvokePreRestartAsync(Exception reason) => PreRestartAsync(reason);

    internal ValueTask InvokePostRestartAsync(Exception reason) => PostRestartAsync(reason);

    internal static Actor Create(Props props, ActorContext context)
    {
        s_creating = context;
        try
        {
            var actor = props.Factory();
            return actor.Context == context
                ? actor
                : throw new InvalidOperationException($"The factory for {context.Self.Path} must create a new actor on every call.");
        }
        finally
        {
            s_creating = null;
        }
    }
}
