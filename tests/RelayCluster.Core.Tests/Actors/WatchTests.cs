using RelayCluster.Core.Actors;
using RelayCluster.Testing;

namespace RelayCluster.Core.Tests.Actors;

public sealed class WatchTests : IAsyncDisposable
{
    private readonly ActorSystem _system = new("test");

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task Watch_TargetStops_WatcherReceivesTerminated()
    {
        var probe = ActorProbe.Create(_system);
        var target = _system.Spawn(() => new TestActor((_, _) => { }), "target");
        await probe.WatchAsync(target);

        _system.Stop(target);

        Assert.Same(target, (await probe.ExpectMsgAsync<Terminated>(Timeouts.Expect)).Actor);
    }

    [Fact]
    public async Task Watch_TargetAlreadyStopped_ReceivesTerminatedAtOnce()
    {
        var probe = ActorProbe.Create(_system);
        var target = _system.Spawn(() => new TestActor((_, _) => { }), "target");
        await _system.StopAsync(target).WaitAsync(Timeouts.Expect);

        await probe.WatchAsync(target);

        Assert.Same(target, (await probe.ExpectMsgAsync<Terminated>(Timeouts.Expect)).Actor);
    }

    [Fact]
    public async Task Unwatch_ThenTargetStops_NoTerminated()
    {
        var probe = ActorProbe.Create(_system);
        var target = _system.Spawn(() => new TestActor((_, _) => { }), "target");
        await probe.WatchAsync(target);
        await probe.UnwatchAsync(target);

        await _system.StopAsync(target).WaitAsync(Timeouts.Expect);

        await probe.ExpectNoMsgAsync(Timeouts.Quiet);
    }

    [Fact]
    public async Task Watch_ByManyWatchers_EachReceivesTerminated()
    {
        var first = ActorProbe.Create(_system, "first");
        var second = ActorProbe.Create(_system, "second");
        var target = _system.Spawn(() => new TestActor((_, _) => { }), "target");
        await first.WatchAsync(target);
        await second.WatchAsync(target);

        target.Tell(PoisonPill.Instance);

        Assert.Same(target, (await first.ExpectMsgAsync<Terminated>(Timeouts.Expect)).Actor);
        Assert.Same(target, (await second.ExpectMsgAsync<Terminated>(Timeouts.Expect)).Actor);
    }
}
