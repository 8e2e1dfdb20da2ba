using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace RelayCluster.Node.Sessions;

/// <summary>
/// The mailbox of session actors. Akka's default queue is a <c>ConcurrentQueue</c> whose first segment (32 slots, about
/// 1.1 KB) lives as long as the actor, and a node keeps an actor per idle session; a session actor gets two or three
/// messages in its whole life, so its queue is a plain one under a lock that exists only while messages wait.
/// </summary>
public sealed class SessionMailbox : MailboxType, IProducesMessageQueue<SessionMessages>
{
    /// <summary>The mailbox's config path, which <see cref="Hocon"/> defines.</summary>
    public const string Id = "relay-session-mailbox";

    /// <summary>The config that makes <see cref="Id"/> available to an actor system.</summary>
    public const string Hocon = $$"""{{Id}} { mailbox-type = "RelayCluster.Node.Sessions.SessionMailbox, relay-node" }""";

    /// <summary>Created by Akka from the config at <see cref="Id"/>.</summary>
    public SessionMailbox(Settings settings, Config config)
        : base(settings, config)
    {
    }

    /// <inheritdoc />
    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new SessionMessages();
}

/// <summary>
/// An unbounded queue that allocates its storage when a message arrives and drops it once emptied. It locks on itself,
/// not on a lock object of its own (one object less per session); only its mailbox holds a reference to it.
/// </summary>
public sealed class SessionMessages : IMessageQueue, IUnboundedMessageQueueSemantics
{
    private Queue<Envelope>? _messages;

    /// <inheritdoc />
    public bool HasMessages => Count > 0;

    /// <inheritdoc />
    public int Count
    {
        get
        {
            lock (this)
            {
                return _messages?.Count ?? 0;
            }
        }
    }

    /// <inheritdoc />
    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        lock (this)
        {
            (_messages ??= new Queue<Envelope>(2)).Enqueue(envelope);
        }
    }

    /// <inheritdoc />
    public bool TryDequeue(out Envelope envelope)
    {
        lock (this)
        {
            if (_messages is null || !_messages.TryDequeue(out envelope))
            {
                envelope = default;
                return false;
            }

            if (_messages.Count == 0)
            {
                _messages = null;
            }

            return true;
        }
    }

    /// <inheritdoc />
    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        while (TryDequeue(out var envelope))
        {
            deadletters.Enqueue(owner, envelope);
        }
    }
}
