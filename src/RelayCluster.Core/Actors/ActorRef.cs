using RelayCluster.Core.Actors.Internal;

namespace RelayCluster.Core.Actors;

/// <summary>A handle to an actor: the only way to send it messages.</summary>
public abstract class ActorRef
{
    private protected ActorRef(ActorPath path) => Path = path;

    /// <summary>Where the actor lives in its system's hierarchy.</summary>
    public ActorPath Path { get; }

    /// <summary>Whether the actor has stopped for good.</summary>
    public abstract bool IsStopped { get; }

    /// <summary>Completes when the actor has stopped, after its children and its stop hook.</summary>
    /// <remarks>An actor must not await its own termination while handling a message: it stops only between messages.</remarks>
    public abstract Task Terminated { get; }

    private protected abstract TimeProvider TimeProvider { get; }

    /// <summary>Queues a message without blocking; returns <see langword="false"/> when the mailbox is full or the actor has stopped.</summary>
    public abstract bool Tell(object message, ActorRef? sender = null);

    /// <summary>Sends a message and waits for the reply, failing with <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<T> Ask<T>(object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var promise = new PromiseRef();
        if (!Tell(message, promise))
        {
            throw new InvalidOperationException(
                $"{Path} did not accept {message.GetType().Name}: its mailbox is full or it has stopped.");
        }

        object reply;
        try
        {
            reply = await promise.Reply.WaitAsync(timeout, TimeProvider, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Path} did not reply to {message.GetType().Name} within {timeout}.");
        }

        return reply is T typed
            ? typed
            : throw new InvalidCastException(
                $"{Path} replied to {message.GetType().Name} with {reply.GetType().Name}, not {typeof(T).Name}.");
    }

    /// <summary>Returns the actor's path.</summary>
    public override string ToString() => Path.ToString();
}
