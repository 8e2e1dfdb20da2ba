using RelayCluster.Core.Actors;
using RelayCluster.Testing;
using RelayCluster.Testing.Time;

namespace RelayCluster.Core.Tests.Actors;

public sealed class SupervisionTests : IAsyncDisposable
{
    private ActorSystem _system = new("test");
    private int _instances;

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task Failure_DefaultStrategy_RestartsWithNewInstanceAndKeepsMailbox()
    {
        var probe = ActorProbe.Create(_system);
        var actor = _system.Spawn(() => new CountingActor(Interlocked.Increment(ref _instances)), "worker");

        actor.Tell("fail");
        probe.Send(actor, "instance");
        probe.Send(actor, "instance");

        await probe.ExpectMsgAsync(2, Timeouts.Expect);
        await probe.ExpectMsgAsync(2, Timeouts.Expect);
        Assert.False(actor.IsStopped);
    }

    [Fact]
    public async Task Failure_MoreRestartsThanAllowedInWindow_StopsChild()
    {
        var probe = ActorProbe.Create(_system);
        var parent = SpawnParent(new SupervisorStrategy(2, TimeSpan.FromMinutes(1)));
        var child = await parent.Ask<ActorRef>("child", Timeouts.Expect);
        await probe.WatchAsync(child);

        child.Tell("fail");
        child.Tell("fail");
        Assert.Equal(3, await child.Ask<int>("instance", Timeouts.Expect));
        child.Tell("fail");

        Assert.Same(child, (await probe.ExpectMsgAsync<Terminated>(Timeouts.Expect)).Actor);
        Assert.Equal(3, _instances);
    }

    [Fact]
    public async Task Failure_AfterWindowElapses_RestartCountStartsOver()
    {
        var time = new ManualTimeProvider();
        await _system.DisposeAsync();
        _system = new ActorSystem("manual-time", new ActorSystemOptions { TimeProvider = time });
        var probe = ActorProbe.Create(_system);
        var parent = SpawnParent(new SupervisorStrategy(1, TimeSpan.FromSeconds(10)));
        var child = await parent.Ask<ActorRef>("child", Timeouts.Expect);
        await probe.WatchAsync(child);

        child.Tell("fail");
        Assert.Equal(2, await child.Ask<int>("instance", Timeouts.Expect));
        time.Advance(TimeSpan.FromSeconds(11));
        child.Tell("fail");
        Assert.Equal(3, await child.Ask<int>("instance", Timeouts.Expect));
        child.Tell("fail");

        Assert.Same(child, (await probe.ExpectMsgAsync<Terminated>(Timeouts.Expect)).Actor);
    }

    [Fact]
    public async Task Failure_StopDirective_StopsChildAndParentIsTold()
    {
        var probe = ActorProbe.Create(_system);
        var parent = SpawnParent(SupervisorStrategy.Stopping, probe.Ref);
        var child = await parent.Ask<ActorRef>("child", Timeouts.Expect);

        child.Tell("fail");

        Assert.Same(child, (await probe.ExpectMsgAsync<Terminated>(Timeouts.Expect)).Actor);
        Assert.Equal(1, _instances);
    }

    [Fact]
    public async Task Failure_ResumeDirective_KeepsInstanceAndState()
    {
        var parent = SpawnParent(new SupervisorStrategy(3, TimeSpan.FromSeconds(10), _ => SupervisorDirective.Resume));
        var child = await parent.Ask<ActorRef>("child", Timeouts.Expect);

        child.Tell("count");
        child.Tell("fail");
        child.Tell("count");

        Assert.Equal(2, await child.Ask<int>("counted", Timeouts.Expect));
        Assert.Equal(1, _instances);
    }

    [Fact]
    public async Task Failure_Escalate_GrandparentRestartsParentAndItsChildren()
    {
        var parents = 0;
        var grandparent = _system.Spawn(
            () => new TestActor((context, message) =>
            {
                context.Reply(context.Spawn(
                    () => new TestActor((parent, query) => parent.Reply(query is "instance" ? parents : parent.Children[0]))
                    {
                        Started = parent =>
                        {
                            Interlocked.Increment(ref parents);
                            parent.Spawn(() => new CountingActor(Interlocked.Increment(ref _instances)), "child");
                        },
                        Strategy = new SupervisorStrategy(3, TimeSpan.FromSeconds(10), _ => SupervisorDirective.Escalate),
                    },
                    "parent"));
            }),
            "grandparent");
        var parent = await grandparent.Ask<ActorRef>("spawn", Timeouts.Expect);
        var child = await parent.Ask<ActorRef>("child", Timeouts.Expect);

        child.Tell("fail");
        await child.Terminated.WaitAsync(Timeouts.Expect);

        Assert.Equal(2, await parent.Ask<int>("instance", Timeouts.Expect));
        var newChild = await parent.Ask<ActorRef>("child", Timeouts.Expect);
        Assert.NotSame(child, newChild);
        Assert.Equal(2, await newChild.Ask<int>("instance", Timeouts.Expect));
    }

    [Fact]
    public async Task Failure_EscalatedToRootGuardian_StopsTopLevelActor()
    {
        await using var system = new ActorSystem("escalating", new ActorSystemOptions
        {
            SupervisorStrategy = new SupervisorStrategy(3, TimeSpan.FromSeconds(10), _ => SupervisorDirective.Escalate),
        });
        var actor = system.Spawn(() => new CountingActor(1), "top");

        actor.Tell("fail");

        await actor.Terminated.WaitAsync(Timeouts.Expect);
        Assert.Empty(system.ListActors());
    }

    [Fact]
    public async Task Failure_InPreStart_RestartsUntilLimitThenStops()
    {
        var attempts = 0;
        var actor = _system.Spawn(
            () => new TestActor((_, _) => { }) { Started = _ => throw new InvalidOperationException($"start {Interlocked.Increment(ref attempts)}") },
            "broken");

        await actor.Terminated.WaitAsync(Timeouts.Expect);

        Assert.Equal(SupervisorStrategy.Default.MaxRestarts + 1, attempts);
    }

    private ActorRef SpawnParent(SupervisorStrategy strategy, ActorRef? terminatedTo = null) =>
        _system.Spawn(
            () => new TestActor((context, message) =>
            {
                if (message is Terminated terminated)
                {
                    terminatedTo?.Tell(terminated);
                }
                else
                {
                    context.Reply(context.Spawn(() => new CountingActor(Interlocked.Increment(ref _instances)), "child"));
                }
            })
            { Strategy = strategy },
            "parent");

    /// <summary>Fails on "fail", counts "count", and answers "instance" and "counted".</summary>
    private sealed class CountingActor(int instance) : Actor
    {
        private int _count;

        protected override ValueTask ReceiveAsync(object message)
        {
            switch (message)
            {
                case "fail":
                    throw new InvalidOperationException("boom");
                case "count":
                    _count++;
                    break;
                case "counted":
                    Context.Reply(_count);
                    break;
                case "instance":
                    Context.Reply(instance);
                    break;
            }

            return ValueTask.CompletedTask;
        }
    }
}
