using System.Collections.Concurrent;
using RelayCluster.Core.Actors;

namespace RelayCluster.Core.Tests.Actors;

public sealed class ActorSystemTests
{
    [Fact]
    public async Task DisposeAsync_Hierarchy_StopsEveryChildBeforeItsParent()
    {
        var stopped = new ConcurrentQueue<ActorPath>();
        var started = new Countdown(1 + 3 + 9);
        var system = new ActorSystem("test");
        system.Spawn(() => Tree(depth: 2, started, stopped), "root");
        await started.Done.WaitAsync(Timeouts.Expect);

        await system.DisposeAsync().AsTask().WaitAsync(Timeouts.Expect);

        var order = stopped.ToList();
        Assert.Equal(13, order.Count);
        for (var i = 0; i < order.Count; i++)
        {
            Assert.All(order.Skip(i + 1), later => Assert.False(IsAncestorOf(order[i], later), $"{order[i]} stopped before its descendant {later}"));
        }

        Assert.Empty(system.ListActors());
        Assert.True(system.Terminated.IsCompleted);
    }

    [Fact]
    public async Task Spawn_AfterTerminate_Throws()
    {
        var system = new ActorSystem("test");
        await system.TerminateAsync().WaitAsync(Timeouts.Expect);

        Assert.Throws<InvalidOperationException>(() => system.Spawn(() => new TestActor((_, _) => { }), "late"));
    }

    [Fact]
    public async Task EventSink_FailureAndRestart_ReportsEvents()
    {
        var events = new ConcurrentQueue<ActorEvent>();
        await using var system = new ActorSystem("test", new ActorSystemOptions { EventSink = events.Enqueue });
        var actor = system.Spawn(() => new TestActor((context, message) =>
        {
            if (message is "fail")
            {
                throw new InvalidOperationException("boom");
            }

            context.Reply(message);
        }), "worker");

        actor.Tell("fail");
        await actor.Ask<string>("ping", Timeouts.Expect);
        await system.StopAsync(actor).WaitAsync(Timeouts.Expect);

        Assert.Equal(
            [ActorEventKind.Started, ActorEventKind.Failed, ActorEventKind.Restarted, ActorEventKind.Stopped],
            events.Where(e => e.Path.Name == "worker").Select(e => e.Kind));
        Assert.Equal("boom", events.Single(e => e.Kind == ActorEventKind.Failed).Exception?.Message);
    }

    [Fact]
    public async Task Stop_ActorOfAnotherSystem_Throws()
    {
        await using var one = new ActorSystem("one");
        await using var two = new ActorSystem("two");
        var actor = one.Spawn(() => new TestActor((_, _) => { }), "actor");

        Assert.Throws<ArgumentException>(() => two.Stop(actor));
    }

    [Fact]
    public void Constructor_ActorOutsideSystem_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new TestActor((_, _) => { }));
    }

    private static bool IsAncestorOf(ActorPath candidate, ActorPath path)
    {
        for (var parent = path.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent == candidate)
            {
                return true;
            }
        }

        return false;
    }

    private static TestActor Tree(int depth, Countdown started, ConcurrentQueue<ActorPath> stopped) =>
        new((_, _) => { })
        {
            Started = context =>
            {
                for (var i = 0; i < 3 && depth > 0; i++)
                {
                    context.Spawn(() => Tree(depth - 1, started, stopped), $"child-{i}");
                }

                started.Signal();
            },
            Stopped = context => stopped.Enqueue(context.Self.Path),
        };
}
