using RelayCluster.Core.Actors;

namespace RelayCluster.Core.Tests.Actors;

/// <summary>An actor whose behavior a test gives as delegates.</summary>
internal sealed class TestActor(Func<ActorContext, object, ValueTask> receive) : Actor
{
    public TestActor(Action<ActorContext, object> receive)
        : this((context, message) =>
        {
            receive(context, message);
            return ValueTask.CompletedTask;
        })
    {
    }

    public Action<ActorContext>? Started { get; init; }

    public Action<ActorContext>? Stopped { get; init; }

    public SupervisorStrategy? Strategy { get; init; }

    protected override SupervisorStrategy? SupervisorStrategy => Strategy;

    /// <summary>An actor that sends every message on to <paramref name="target"/>, keeping the sender.</summary>
    public static TestActor Forwarding(ActorRef target) => new((context, message) => { target.Tell(message, context.Sender); });

    protected override ValueTask ReceiveAsync(object message) => receive(Context, message);

    protected override ValueTask PreStartAsync()
    {
        Started?.Invoke(Context);
        return ValueTask.CompletedTask;
    }

    protected override ValueTask PostStopAsync()
    {
        Stopped?.Invoke(Context);
        return ValueTask.CompletedTask;
    }
}
