using RelayCluster.Core.Actors;
using Xunit.Abstractions;

namespace RelayCluster.Core.Tests.Actors;

[Collection(nameof(MemoryTests))]
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public sealed class MemoryTests(ITestOutputHelper output)
{
    private const int Count = 10_000;

    [Fact]
    public async Task Spawn_TenThousandIdleActors_EachCostsLittleMemory()
    {
        await using var system = new ActorSystem("memory");
        var started = new Countdown(Count + 1);
        var router = system.Spawn(
            () => new TestActor((context, message) =>
            {
                ((Spawner)message).Spawn(context);
                context.Reply(true);
            })
            { Started = _ => started.Signal() },
            "router");
        var props = Props.Create(() => new TestActor((_, _) => { }) { Started = _ => started.Signal() });
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var sessions = new ActorRef[Count];
        await router.Ask<bool>(new Spawner(context =>
        {
            for (var i = 0; i < Count; i++)
            {
                sessions[i] = context.Spawn(props, $"session-127.0.0.1:{10_000 + i}");
            }
        }), Timeouts.Expect);
        await started.Done.WaitAsync(Timeouts.Expect);
        var after = GC.GetTotalMemory(forceFullCollection: true);

        var perActor = (after - before) / Count;
        output.WriteLine($"{Count} idle actors: {after - before:N0} bytes, {perActor:N0} bytes each");
        Assert.Equal(Count + 1, system.ListActors().Count);
        Assert.InRange(perActor, 1, 2048);
        GC.KeepAlive(sessions);
    }

    private sealed record Spawner(Action<ActorContext> Spawn);
}
