using System.Net;
using Microsoft.Extensions.Logging;
using RelayCluster.Core.Actors;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Health;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Health;
using RelayCluster.Testing.Time;
using RelayCluster.Testing.Upstreams;
using RelayCluster.Testing;

namespace RelayCluster.Node.Tests.Health;

public class HealthCheckActorTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Probes_UpstreamStopsAndResumesAnswering_UnhealthyWithinFallIntervalsThenHealthyAfterRise()
    {
        const int Rise = 2, Fall = 3;
        var interval = TimeSpan.FromSeconds(1);
        var timeout = TimeSpan.FromMilliseconds(250);
        var clock = new ManualTimeProvider();
        await using var system = new ActorSystem("health", new ActorSystemOptions { TimeProvider = clock });
        await using var echo = UdpEchoUpstream.Start();
        var upstream = new UpstreamState($"127.0.0.1:{echo.EndPoint.Port}", echo.EndPoint);
        var notified = ActorProbe.Create(system);
        var logger = new ListLogger();
        var config = HealthConfigText.Bind($"check = udp-probe, interval = 1s, timeout = 250ms, rise = {Rise}, fall = {Fall}, udp-probe {{ send = ping, expect = ping }}");
        var probe = new TrackingProbe(HealthProbes.Create(config, clock)!, clock);
        var health = system.Spawn(() => new HealthCheckActor(config, "game", [upstream], logger, notify: notified.Ref, probe: probe, random: new Random(7)), "health");
        var run = new VirtualHealthRun(clock, health, probe, echo, timeout);

        var healthyAfter = await run.AdvanceUntilAsync(s => s.Health == UpstreamHealth.Healthy, (Rise + 1) * interval);
        echo.Replying = false;
        var unhealthyAfter = await run.AdvanceUntilAsync(s => s.Health == UpstreamHealth.Unhealthy, 10 * interval);
        echo.Replying = true;
        var healthyAgainAfter = await run.AdvanceUntilAsync(s => s.Health == UpstreamHealth.Healthy, 10 * interval);

        Assert.InRange(healthyAfter, (Rise - 1) * 0.9 * interval, Rise * interval);
        Assert.InRange(unhealthyAfter, Fall * 0.9 * interval, (Fall + 1) * interval);
        Assert.InRange(healthyAgainAfter, (Rise - 1) * 0.9 * interval, (Rise + 1) * interval);
        Assert.Equal(2 * Rise + Fall, probe.Started);
        Assert.Equal(UpstreamHealth.Healthy, upstream.Health);
        await notified.ExpectMsgAsync(new UpstreamHealthChanged(upstream, UpstreamHealth.Unknown, UpstreamHealth.Healthy, "2 probes passed in a row"), s_wait);
        await notified.ExpectMsgAsync(new UpstreamHealthChanged(upstream, UpstreamHealth.Healthy, UpstreamHealth.Unhealthy, "timeout: no reply within 250ms"), s_wait);
        await notified.ExpectMsgAsync(new UpstreamHealthChanged(upstream, UpstreamHealth.Unhealthy, UpstreamHealth.Healthy, "2 probes passed in a row"), s_wait);
        await notified.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
        Assert.Equal(
            [
                (LogLevel.Information, $"Rule game: upstream {upstream.Address} is Healthy (2 probes passed in a row)"),
                (LogLevel.Warning, $"Rule game: upstream {upstream.Address} is Unhealthy (timeout: no reply within 250ms)"),
                (LogLevel.Information, $"Rule game: upstream {upstream.Address} is Healthy (2 probes passed in a row)"),
            ],
            logger.Entries.Where(entry => entry.Id.Id == 1500).Select(entry => (entry.Level, entry.Message)));
    }

    [Fact]
    public async Task Probes_SystemClock_FollowTheUpstream()
    {
        // On the real clock a loaded machine may see a spurious timeout, so this only waits for each verdict in turn.
        await using var system = new ActorSystem("health");
        await using var echo = UdpEchoUpstream.Start();
        var upstream = new UpstreamState($"127.0.0.1:{echo.EndPoint.Port}", echo.EndPoint);
        var notified = ActorProbe.Create(system);
        var config = HealthConfigText.Bind("check = udp-probe, interval = 200ms, timeout = 150ms, rise = 1, fall = 1, udp-probe.send = ping");
        system.Spawn(() => new HealthCheckActor(config, "game", [upstream], new ListLogger(), notify: notified.Ref), "health");

        await notified.FishForMessageAsync<UpstreamHealthChanged>(change => change.Now == UpstreamHealth.Healthy, s_wait);
        echo.Replying = false;
        await notified.FishForMessageAsync<UpstreamHealthChanged>(change => change.Now == UpstreamHealth.Unhealthy, s_wait);
        echo.Replying = true;
        await notified.FishForMessageAsync<UpstreamHealthChanged>(change => change.Now == UpstreamHealth.Healthy, s_wait);
    }

    [Fact]
    public async Task PassiveFailures_CountTowardFall_AndAPassEndsTheRun()
    {
        // On a manual clock with a gated probe, nothing but the passive failures can move the verdict in between.
        var clock = new ManualTimeProvider();
        await using var system = new ActorSystem("health", new ActorSystemOptions { TimeProvider = clock });
        var upstream = new UpstreamState("10.0.0.11:27015", new IPEndPoint(IPAddress.Loopback, 27015));
        var other = new UpstreamState("10.0.0.12:27015", new IPEndPoint(IPAddress.Loopback, 27016));
        var probe = new GatedProbe();
        var notified = ActorProbe.Create(system);
        var config = HealthConfigText.Bind("check = udp-probe, interval = 1s, rise = 1, fall = 2, passive.udp-reply-timeout = 5s");
        var health = system.Spawn(() => new HealthCheckActor(config, "game", [upstream], new ListLogger(), notify: notified.Ref, probe: probe), "health");
        await AdvanceUntilAsync(clock, () => probe.Started == 1);

        probe.Release(ProbeResult.Passed);
        await notified.ExpectMsgAsync(new UpstreamHealthChanged(upstream, UpstreamHealth.Unknown, UpstreamHealth.Healthy, "1 probe passed"), s_wait);
        health.Tell(new PassiveFailure(upstream, HealthFailureReason.Timeout));
        health.Tell(new PassiveFailure(other, HealthFailureReason.Timeout));
        await notified.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        health.Tell(new PassiveFailure(upstream, HealthFailureReason.Timeout));
        await notified.ExpectMsgAsync(new UpstreamHealthChanged(upstream, UpstreamHealth.Healthy, UpstreamHealth.Unhealthy, "passive timeout: a session got no reply within 5s"), s_wait);

        Assert.False(upstream.IsAvailable);
        Assert.Equal(UpstreamHealth.Unknown, other.Health);
        probe.Release(ProbeResult.Passed);
        await AdvanceUntilAsync(clock, () => probe.Started == 2);
        await notified.ExpectMsgAsync(new UpstreamHealthChanged(upstream, UpstreamHealth.Unhealthy, UpstreamHealth.Healthy, "1 probe passed"), s_wait);
    }

    [Fact]
    public async Task CheckNone_ProbesNothing_AndUpstreamsStayUnknown()
    {
        await using var system = new ActorSystem("health");
        await using var echo = UdpEchoUpstream.Start();
        var fresh = new UpstreamState("127.0.0.1:1", echo.EndPoint);
        var wasDown = new UpstreamState("127.0.0.1:2", echo.EndPoint) { Health = UpstreamHealth.Unhealthy };
        var notified = ActorProbe.Create(system);
        var config = new HealthConfig { Check = HealthCheckKind.None, Interval = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromMilliseconds(50) };
        var health = system.Spawn(() => new HealthCheckActor(config, "game", [fresh, wasDown], new ListLogger(), notify: notified.Ref), "health");

        await notified.ExpectMsgAsync(new UpstreamHealthChanged(wasDown, UpstreamHealth.Unhealthy, UpstreamHealth.Unknown, "health checks are off"), s_wait);
        health.Tell(new PassiveFailure(fresh, HealthFailureReason.Timeout));
        await notified.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        Assert.Equal(0, echo.DatagramsReceived);
        Assert.All([fresh, wasDown], upstream => Assert.True(upstream.IsAvailable && upstream.Health == UpstreamHealth.Unknown));
    }

    [Fact]
    public async Task Stop_ProbeInFlight_IsCancelled()
    {
        await using var system = new ActorSystem("health");
        var upstream = new UpstreamState("10.0.0.11:27015", new IPEndPoint(IPAddress.Loopback, 27015));
        var probe = new GatedProbe();
        var config = HealthConfigText.Bind("check = tcp-connect, interval = 1s");
        var health = system.Spawn(() => new HealthCheckActor(config, "game", [upstream], new ListLogger(), probe: probe), "health");
        await WaitForAsync(() => probe.Started == 1, "the first probe to start");

        await system.StopAsync(health);

        Assert.Equal(0, system.DeadLetterCount);
        Assert.Equal(UpstreamHealth.Unknown, upstream.Health);
    }

    [Fact]
    public async Task Probes_ProbeThrows_CountsAsAnError()
    {
        await using var system = new ActorSystem("health");
        var upstream = new UpstreamState("10.0.0.11:27015", new IPEndPoint(IPAddress.Loopback, 27015));
        var notified = ActorProbe.Create(system);
        var config = HealthConfigText.Bind("check = tcp-connect, interval = 100ms, timeout = 100ms, fall = 1");
        system.Spawn(() => new HealthCheckActor(config, "game", [upstream], new ListLogger(), notify: notified.Ref, probe: new ThrowingProbe()), "health");

        var change = await notified.ExpectMsgAsync<UpstreamHealthChanged>(s_wait);

        Assert.Equal((UpstreamHealth.Unhealthy, "error: the probe broke"), (change.Now, change.Reason));
    }

    [Fact]
    public async Task Probes_ResultNeverArrives_ProbesAgain()
    {
        // A probe ends within its timeout; one still running long after must have lost its result, e.g. to a full mailbox.
        await using var system = new ActorSystem("health");
        var upstream = new UpstreamState("10.0.0.11:27015", new IPEndPoint(IPAddress.Loopback, 27015));
        var probe = new GatedProbe();
        var logger = new ListLogger();
        var config = HealthConfigText.Bind("check = tcp-connect, interval = 100ms, timeout = 100ms");
        system.Spawn(() => new HealthCheckActor(config, "game", [upstream], logger, probe: probe), "health");

        await WaitForAsync(() => probe.Started == 2, "a second probe");

        Assert.Contains(logger.Entries, entry => entry.Id.Id == 1502 && entry.Level == LogLevel.Warning);
    }

    private static async Task AdvanceUntilAsync(ManualTimeProvider clock, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + s_wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true");
            clock.AdvanceToNextTimer();
            await Task.Delay(1);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what) => await Eventually.TrueAsync(condition, what, s_wait);

    private sealed class ThrowingProbe : IHealthProbe
    {
        public ValueTask<ProbeResult> ProbeAsync(IPEndPoint upstream, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the probe broke");
    }
}
