using Akka.Actor;
using Akka.Dispatch.MessageQueues;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Tests.Sessions;

public class SessionMailboxTests
{
    [Fact]
    public void Messages_SeveralQueued_ComeOutInOrderThenEmpty()
    {
        var messages = new SessionMessages();
        Assert.False(messages.HasMessages);

        for (var i = 0; i < 5; i++)
        {
            messages.Enqueue(ActorRefs.Nobody, new Envelope(i, ActorRefs.NoSender));
        }

        Assert.Equal(5, messages.Count);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(messages.TryDequeue(out var envelope));
            Assert.Equal(i, envelope.Message);
        }

        Assert.False(messages.TryDequeue(out _));
        Assert.False(messages.HasMessages);
        Assert.Equal(0, messages.Count);
    }

    [Fact]
    public void Messages_EmptiedThenQueuedAgain_StillDelivered()
    {
        var messages = new SessionMessages();
        messages.Enqueue(ActorRefs.Nobody, new Envelope("first", ActorRefs.NoSender));
        Assert.True(messages.TryDequeue(out _));

        messages.Enqueue(ActorRefs.Nobody, new Envelope("second", ActorRefs.NoSender));

        Assert.True(messages.HasMessages);
        Assert.True(messages.TryDequeue(out var envelope));
        Assert.Equal("second", envelope.Message);
    }

    [Fact]
    public void CleanUp_MessagesLeft_GoToDeadLetters()
    {
        var messages = new SessionMessages();
        messages.Enqueue(ActorRefs.Nobody, new Envelope("a", ActorRefs.NoSender));
        messages.Enqueue(ActorRefs.Nobody, new Envelope("b", ActorRefs.NoSender));
        var dead = new UnboundedMessageQueue();

        messages.CleanUp(ActorRefs.Nobody, dead);

        Assert.False(messages.HasMessages);
        Assert.Equal(2, dead.Count);
    }

    [Fact]
    public void Hocon_ActorSystemWithIt_CreatesSessionActorsOnTheSessionMailbox()
    {
        using var system = ActorSystem.Create("mailbox", SessionMailbox.Hocon);

        var mailbox = system.Mailboxes.Lookup(SessionMailbox.Id);

        Assert.IsType<SessionMailbox>(mailbox);
        Assert.Equal(SessionMailbox.Id, SessionActor.Props.Mailbox);
    }
}
