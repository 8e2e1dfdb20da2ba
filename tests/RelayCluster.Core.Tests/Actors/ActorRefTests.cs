using RelayCluster.Core.Actors;
using RelayCluster.Testing;

namespace RelayCluster.Core.Tests.Actors;

public sealed class ActorRefTests : IAsyncDisposable
{
    private readonly ActorSystem _system = new("test");

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task Tell_ManyMessages_HandledInOrder()
    {
        var probe = ActorProbe.Create(_system);
        var actor = _system.Spawn(() => TestActor.Forwarding(probe.Ref), "forward");

        for (var i = 0; i < 500; i++)
        {
            Assert.True(actor.Tell(i));
        }

        for (var i = 0; i < 500; i++)
        {
            await probe.ExpectMsgAsync(i, Timeouts.Expect);
        }
    }

    [Fact]
    public async Task Tell_ConcurrentSenders_EveryMessageHandledInEachSendersOrder()
    {
        const int Senders = 4;
        const int PerSender = 20_000;
        var last = new int[Senders];
        var outOfOrder = 0;
        var props = Props.Create(() => new TestActor((context, message) =>
        {
            if (message is (int sender, int sequence))
            {
                outOfOrder += sequence == last[sender] + 1 ? 0 : 1;
                last[sender] = sequence;
            }
            else
            {
                context.Reply(outOfOrder);
            }
        })).WithMailboxCapacity(Senders * PerSender + 1);
        var actor = _system.Spawn(props, "counter");

        await Task.WhenAll(Enumerable.Range(0, Senders).Select(sender => Task.Run(() =>
        {
            for (var sequence = 1; sequence <= PerSender; sequence++)
            {
                Assert.True(actor.Tell((sender, sequence)));
            }
        })));

        Assert.Equal(0, await actor.Ask<int>("report", Timeouts.Expect));
        Assert.All(last, count => Assert.Equal(PerSender, count));
    }

    [Fact]
    public async Task Tell_PingPong_EveryRoundTripCompletes()
    {
        const int RoundTrips = 20_000;
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ponger = _system.Spawn(() => new TestActor((context, message) => context.Reply(message)), "ponger");
        var pinger = _system.Spawn(() => new TestActor((context, message) =>
        {
            var count = (int)message;
            if (count == RoundTrips)
            {
                done.TrySetResult(count);
            }
            else
            {
                ponger.Tell(count + 1, context.Self);
            }
        }), "pinger");

        pinger.Tell(0);

        Assert.Equal(RoundTrips, await done.Task.WaitAsync(Timeouts.Expect));
    }

    [Fact]
    public async Task Tell_WithSender_ReplyReachesSender()
    {
        var probe = ActorProbe.Create(_system);
        var echo = _system.Spawn(() => new TestActor((context, message) => context.Reply(message)), "echo");

        probe.Send(echo, "hello");

        Assert.Equal("hello", await probe.ExpectMsgAsync<string>(Timeouts.Expect));
        Assert.Same(echo, probe.LastSender);
    }

    [Fact]
    public async Task Ask_ActorReplies_ReturnsReply()
    {
        var doubler = _system.Spawn(() => new TestActor((context, message) => context.Reply((int)message * 2)), "doubler");

        var reply = await doubler.Ask<int>(21, Timeouts.Expect);

        Assert.Equal(42, reply);
    }

    [Fact]
    public async Task Ask_NoReply_ThrowsTimeoutNamingTarget()
    {
        var silent = _system.Spawn(() => new TestActor((_, _) => { }), "silent");

        var error = await Assert.ThrowsAsync<TimeoutException>(() => silent.Ask<int>("ping", TimeSpan.FromMilliseconds(50)));

        Assert.Contains("/user/silent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ReplyOfWrongType_ThrowsInvalidCast()
    {
        var echo = _system.Spawn(() => new TestActor((context, message) => context.Reply("text")), "echo");

        await Assert.ThrowsAsync<InvalidCastException>(() => echo.Ask<int>("ping", Timeouts.Expect));
    }

    [Fact]
    public async Task Tell_FullMailbox_RejectsAndCounts()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var props = Props.Create(() => new TestActor(async (_, message) =>
        {
            if (message is "block")
            {
                entered.TrySetResult();
                await release.Task;
            }
        })).WithMailboxCapacity(2);
        var actor = _system.Spawn(props, "busy");

        Assert.True(actor.Tell("block"));
        await entered.Task.WaitAsync(Timeouts.Expect);
        Assert.True(actor.Tell(1));
        Assert.True(actor.Tell(2));
        var accepted = actor.Tell(3);
        release.SetResult();

        Assert.False(accepted);
        Assert.Equal(1, _system.MailboxFullCount);
        Assert.Equal(0, _system.DeadLetterCount);
    }

    [Fact]
    public async Task Tell_StoppedActor_ReturnsFalseAndCountsDeadLetter()
    {
        var actor = _system.Spawn(() => new TestActor((_, _) => { }), "gone");
        await _system.StopAsync(actor);

        var accepted = actor.Tell("late");

        Assert.False(accepted);
        Assert.True(actor.IsStopped);
        Assert.Equal(1, _system.DeadLetterCount);
    }

    [Fact]
    public async Task PoisonPill_AfterQueuedMessages_StopsOnceTheyAreHandled()
    {
        var probe = ActorProbe.Create(_system);
        var actor = _system.Spawn(() => TestActor.Forwarding(probe.Ref), "forward");

        actor.Tell(1);
        actor.Tell(2);
        actor.Tell(PoisonPill.Instance);
        actor.Tell(3);
        await actor.Terminated.WaitAsync(Timeouts.Expect);

        await probe.ExpectMsgAsync(1, Timeouts.Expect);
        await probe.ExpectMsgAsync(2, Timeouts.Expect);
        await probe.ExpectNoMsgAsync(Timeouts.Quiet);
        Assert.Equal(1, _system.DeadLetterCount);
    }
}
