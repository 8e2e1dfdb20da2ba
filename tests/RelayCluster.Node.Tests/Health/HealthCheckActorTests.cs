using System.Net;
using Microsoft.Extensions.Logging;
using Akka.Actor;
using DeadLetter = Akka.Event.DeadLetter;
using Akka.TestKit.Xunit2;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Health;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Health;
using RelayCluster.Testing.Time;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Health;

public class HealthCheckActorTests : TestKit
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Probes_SystemClock_FollowTheUpstream()
    {
        // On the real clock a loaded machine may see a spurious timeout, so this only waits for each verdict in turn.
        await using var echo = UdpEchoUpstream.Start();
        var upstream = new UpstreamState($"127.0.0.1:{echo.EndPoint.Port}", echo.EndPoint);
        var notified = CreateTestProbe();
        var config = HealthConfigText.Bind("check = udp-probe, interval = 200ms, timeout = 150ms, rise = 1, fall = 1, udp-probe.send = ping");
        Sys.ActorOf(HealthCheckActor.Props(config, "game", [upstream], new ListLogger(), notify: notified.Ref), "health");

        await notified.FishForMessageAsync<UpstreamHealthChanged>(change => change.Now == UpstreamHealth.Healthy, s_wait);
        echo.Replying = false;
        await notified.FishForMessageAsync<UpstreamHealthChanged>(change => change.Now == UpstreamHealth.Unhealthy, s_wait);
        echo.Replying = true;
        await notified.FishForMessageAsync<UpstreamHealthChanged>(change => change.Now == UpstreamHealth.Healthy, s_wait);
    }

    [Fact]
    public async Task CheckNone_ProbesNothing_AndUpstreamsStayUnknown()
    {
        await using var echo = UdpEchoUpstream.Start();
        var fresh = new UpstreamState("127.0.0.1:1", echo.EndPoint);
        var wasDown = new UpstreamState("127.0.0.1:2", echo.EndPoint) { Health = UpstreamHealth.Unhealthy };
        var notified = CreateTestProbe();
        var config = new HealthConfig { Check = HealthCheckKind.None, Interval = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromMilliseconds(50) };
        var health = Sys.ActorOf(HealthCheckActor.Props(config, "game", [fresh, wasDown], new ListLogger(), notify: notified.Ref), "health");

        await notified.ExpectMsgAsync(new UpstreamHealthChanged(wasDown, UpstreamHealth.Unhealthy, UpstreamHealth.Unknown, "health checks are off"), s_wait);
        health.Tell(new PassiveFailure(fresh, HealthFailureReason.Timeout));
        await notified.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        Assert.Equal(0, echo.DatagramsReceived);
        Assert.All([fresh, wasDown], upstream => Assert.True(upstream.IsAvailable && upstream.Health == UpstreamHealth.Unknown));
    }

    [Fact]
    public async Task Stop_ProbeInFlight_IsCancelled()
    {
        var upstream = new UpstreamState("10.0.0.11:27015", new IPEndPoint(IPAddress.Loopback, 27015));
        var probe = new GatedProbe();
        var config = HealthConfigText.Bind("check = tcp-connect, interval = 1s");
        var health = Sys.ActorOf(HealthCheckActor.Props(config, "game", [upstream], new ListLogger(), probe: probe), "health");
        await WaitForAsync(() => probe.Started == 1, "the first probe to start");

        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters, typeof(DeadLetter));
        Watch(health);
        Sys.Stop(health);

        await ExpectTerminatedAsync(health, s_wait);
        await deadLetters.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(UpstreamHealth.Unknown, upstream.Health);
    }

    [Fact]
    public async Task Probes_ProbeThrows_CountsAsAnError()
    {
        var upstream = new UpstreamState("10.0.0.11:27015", new IPEndPoint(IPAddress.Loopback, 27015));
        var notified = CreateTestProbe();
        var config = HealthConfigText.Bind("check = tcp-connect, interval = 100ms, timeout = 100ms, fall = 1");
        Sys.ActorOf(HealthCheckActor.Props(config, "game", [upstream], new ListLogger(), notify: notified.Ref, probe: new ThrowingProbe()), "health");

        var change = await notified.ExpectMsgAsync<UpstreamHealthChanged>(s_wait);

        Assert.Equal((UpstreamHealth.Unhealthy, "error: the probe broke"), (change.Now, change.Reason));
    }

    [Fact]
    public async Task Probes_ResultNeverArrives_ProbesAgain()
    {
        // A probe ends within its timeout; one still running long after must have lost its result, e.g. to a full mailbox.
        var upstream = new UpstreamState("10.0.0.11:27015", new IPEndPoint(IPAddress.Loopback, 27015));
        var probe = new GatedProbe();
        var logger = new ListLogger();
        var config = HealthConfigText.Bind("check = tcp-connect, interval = 100ms, timeout = 100ms");
        Sys.ActorOf(HealthCheckActor.Props(config, "game", [upstream], logger, probe: probe), "health");

        await WaitForAsync(() => probe.Started == 2, "a second probe");

        Assert.Contains(logger.Entries, entry => entry.Id.Id == 1502 && entry.Level == LogLevel.Warning);
    }

    private static async Task WaitForAsync(Func<bool> condition, string what) => await Eventually.TrueAsync(condition, what, s_wait);

    private sealed class ThrowingProbe : IHealthProbe
    {
        public ValueTask<ProbeResult> ProbeAsync(IPEndPoint upstream, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the probe broke");
    }
}
