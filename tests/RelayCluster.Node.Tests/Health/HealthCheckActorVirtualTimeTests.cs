using System.Net;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Configs;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Logging;
using RelayCluster.Core.Health;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Health;
using RelayCluster.Testing.Time;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Health;

/// <summary>Health checks on virtual time: Akka's <see cref="TestScheduler"/> for the actor's timers, a manual clock for probe timeouts.</summary>
public class HealthCheckActorVirtualTimeTests() : TestKit(TestConfigs.TestSchedulerConfig)
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Probes_UpstreamStopsAndResumesAnswering_UnhealthyWithinFallIntervalsThenHealthyAfterRise()
    {
        const int Rise = 2, Fall = 3;
        var interval = TimeSpan.FromSeconds(1);
        var timeout = TimeSpan.FromMilliseconds(250);
        var clock = new VirtualClock(new ManualTimeProvider(), (TestScheduler)Sys.Scheduler);
        await using var echo = UdpEchoUpstream.Start();
        var upstream = new UpstreamState($"127.0.0.1:{echo.EndPoint.Port}", echo.EndPoint);
        var notified = CreateTestProbe();
        var logger = new ListLogger();
        var config = HealthConfigText.Bind($"check = udp-probe, interval = 1s, timeout = 250ms, rise = {Rise}, fall = {Fall}, udp-probe {{ send = ping, expect = ping }}");
        var probe = new TrackingProbe(HealthProbes.Create(config, clock.Time)!, clock.Time);
        var health = Sys.ActorOf(HealthCheckActor.Props(config, "game", [upstream], logger, clock.Time, notified.Ref, probe, new Random(7)), "health");
        var run = new VirtualHealthRun(clock, health, CreateTestProbe(), probe, echo, timeout);

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
    public async Task PassiveFailures_CountTowardFall_AndAPassEndsTheRun()
    {
        // On virtual time with a gated probe, nothing but the passive failures can move the verdict in between.
        var clock = new VirtualClock(new ManualTimeProvider(), (TestScheduler)Sys.Scheduler);
        var upstream = new UpstreamState("10.0.0.11:27015", new IPEndPoint(IPAddress.Loopback, 27015));
        var other = new UpstreamState("10.0.0.12:27015", new IPEndPoint(IPAddress.Loopback, 27016));
        var probe = new GatedProbe();
        var notified = CreateTestProbe();
        var config = HealthConfigText.Bind("check = udp-probe, interval = 1s, rise = 1, fall = 2, passive.udp-reply-timeout = 5s");
        var health = Sys.ActorOf(HealthCheckActor.Props(config, "game", [upstream], new ListLogger(), clock.Time, notified.Ref, probe), "health");
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

    private static async Task AdvanceUntilAsync(VirtualClock clock, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + s_wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true");
            clock.Step();
            await Task.Delay(1);
        }
    }
}
