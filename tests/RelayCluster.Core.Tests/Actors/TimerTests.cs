using RelayCluster.Core.Actors;
using RelayCluster.Testing;
using RelayCluster.Testing.Time;

namespace RelayCluster.Core.Tests.Actors;

public sealed class TimerTests : IAsyncDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly ActorSystem _system;
    private readonly ActorProbe _probe;

    public TimerTests()
    {
        _system = new ActorSystem("test", new ActorSystemOptions { TimeProvider = _time });
        _probe = ActorProbe.Create(_system);
    }

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task ScheduleOnce_DelayElapsed_DeliversOnce()
    {
        var actor = await SpawnTickingAsync(context => context.ScheduleOnce(TimeSpan.FromSeconds(5), "tick"));

        _time.Advance(TimeSpan.FromSeconds(4));
        await ExpectNothingFiredAsync(actor);
        _time.Advance(TimeSpan.FromSeconds(1));
        await _probe.ExpectMsgAsync("tick", Timeouts.Expect);
        _time.Advance(TimeSpan.FromMinutes(1));
        await ExpectNothingFiredAsync(actor);
        Assert.Equal(0, _time.ActiveTimerCount);
    }

    [Fact]
    public async Task ScheduleRepeatedly_EachInterval_Delivers()
    {
        var actor = await SpawnTickingAsync(context => context.ScheduleRepeatedly(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), "tick"));

        _time.Advance(TimeSpan.FromSeconds(4));

        await _probe.ExpectMsgAsync("tick", Timeouts.Expect);
        await _probe.ExpectMsgAsync("tick", Timeouts.Expect);
        await _probe.ExpectMsgAsync("tick", Timeouts.Expect);
        await ExpectNothingFiredAsync(actor);
    }

    [Fact]
    public async Task Stop_PendingTimers_Cancelled()
    {
        var actor = await SpawnTickingAsync(context =>
        {
            context.ScheduleOnce(TimeSpan.FromSeconds(5), "once");
            context.ScheduleRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), "tick");
        });
        Assert.Equal(2, _time.ActiveTimerCount);

        await _system.StopAsync(actor).WaitAsync(Timeouts.Expect);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, _time.ActiveTimerCount);
        Assert.Equal(0, _system.DeadLetterCount);
        await _probe.ExpectNoMsgAsync(Timeouts.Quiet);
    }

    [Fact]
    public async Task ScheduleOnce_HandleDisposed_NeverDelivers()
    {
        var actor = await SpawnTickingAsync(context => context.ScheduleOnce(TimeSpan.FromSeconds(5), "tick").Dispose());

        _time.Advance(TimeSpan.FromSeconds(10));

        await ExpectNothingFiredAsync(actor);
        Assert.Equal(0, _time.ActiveTimerCount);
    }

    [Fact]
    public async Task Restart_PendingTimers_Cancelled()
    {
        var actor = await SpawnTickingAsync(context => context.ScheduleRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), "tick"));

        actor.Tell("fail");
        await _probe.ExpectMsgAsync("started", Timeouts.Expect);

        Assert.Equal(1, _time.ActiveTimerCount);
    }

    /// <summary>Spawns an actor that schedules its timers on start, tells the probe "started", and forwards every other message.</summary>
    private async Task<ActorRef> SpawnTickingAsync(Action<ActorContext> schedule)
    {
        var probe = _probe.Ref;
        var actor = _system.Spawn(
            () => new TestActor((context, message) =>
            {
                if (message is "fail")
                {
                    throw new InvalidOperationException("boom");
                }

                probe.Tell(message);
            })
            {
                Started = context =>
                {
                    schedule(context);
                    probe.Tell("started");
                },
            },
            "ticking");
        await _probe.ExpectMsgAsync("started", Timeouts.Expect);
        return actor;
    }

    /// <summary>Sends a marker through the actor: a timer that fired during an advance queued its message before it.</summary>
    private async Task ExpectNothingFiredAsync(ActorRef actor)
    {
        actor.Tell("marker");
        await _probe.ExpectMsgAsync("marker", Timeouts.Expect);
    }
}
