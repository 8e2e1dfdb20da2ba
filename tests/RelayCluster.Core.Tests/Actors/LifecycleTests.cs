using System.Collections.Concurrent;
using RelayCluster.Core.Actors;

namespace RelayCluster.Core.Tests.Actors;

public sealed class LifecycleTests : IAsyncDisposable
{
    private readonly ActorSystem _system = new("test");
    private readonly ConcurrentQueue<string> _log = new();

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task Hooks_StartHandleStop_RunInOrder()
    {
        var actor = _system.Spawn(() => new LoggingActor(_log, "a", 1), "a");

        await actor.Ask<string>("hello", Timeouts.Expect);
        await _system.StopAsync(actor).WaitAsync(Timeouts.Expect);

        Assert.Equal(["a1:PreStart", "a1:hello", "a1:PostStop"], _log);
    }

    [Fact]
    public async Task Hooks_Restart_RunOnOldThenNewInstance()
    {
        var instances = 0;
        var actor = _system.Spawn(() => new LoggingActor(_log, "a", Interlocked.Increment(ref instances)), "a");

        actor.Tell("fail");
        await actor.Ask<string>("hello", Timeouts.Expect);

        Assert.Equal(
            ["a1:PreStart", "a1:fail", "a1:PreRestart:boom", "a1:PostStop", "a2:PostRestart:boom", "a2:PreStart", "a2:hello"],
            _log);
    }

    [Fact]
    public async Task Stop_Parent_StopsChildrenBeforeParent()
    {
        var parent = _system.Spawn(() => new LoggingActor(_log, "parent", 1, ["left", "right"]), "parent");
        await parent.Ask<string>("ready", Timeouts.Expect);

        await _system.StopAsync(parent).WaitAsync(Timeouts.Expect);

        var stops = _log.Where(entry => entry.EndsWith(":PostStop", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, stops.Count);
        Assert.Equal("parent1:PostStop", stops[^1]);
        Assert.Empty(_system.ListActors());
    }

    [Fact]
    public async Task Terminated_AwaitedBeforeStop_CompletesAfterPostStop()
    {
        var actor = _system.Spawn(() => new LoggingActor(_log, "a", 1), "a");
        var terminated = actor.Terminated;
        Assert.False(terminated.IsCompleted);

        actor.Tell(PoisonPill.Instance);
        await terminated.WaitAsync(Timeouts.Expect);

        Assert.Equal("a1:PostStop", _log.Last());
        Assert.True(actor.IsStopped);
    }

    /// <summary>Logs each hook as "name+instance:hook", replies to every message, fails on "fail", spawns the named children.</summary>
    private sealed class LoggingActor(ConcurrentQueue<string> log, string name, int instance, string[]? children = null) : Actor
    {
        private readonly string _id = name + instance;

        protected override ValueTask ReceiveAsync(object message)
        {
            log.Enqueue($"{_id}:{message}");
            if (message is "fail")
            {
                throw new InvalidOperationException("boom");
            }

            Context.Reply(message);
            return ValueTask.CompletedTask;
        }

        protected override ValueTask PreStartAsync()
        {
            log.Enqueue($"{_id}:PreStart");
            foreach (var child in children ?? [])
            {
                Context.Spawn(() => new LoggingActor(log, child, 1), child);
            }

            return ValueTask.CompletedTask;
        }

        protected override ValueTask PostStopAsync()
        {
            log.Enqueue($"{_id}:PostStop");
            return ValueTask.CompletedTask;
        }

        protected override ValueTask PreRestartAsync(Exception reason)
        {
            log.Enqueue($"{_id}:PreRestart:{reason.Message}");
            return base.PreRestartAsync(reason);
        }

        protected override ValueTask PostRestartAsync(Exception reason)
        {
            log.Enqueue($"{_id}:PostRestart:{reason.Message}");
            return base.PostRestartAsync(reason);
        }
    }
}
