using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Sessions;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Admission;

public class UpstreamSelectionTests
{
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Probes every 100 ms with an empty datagram; any reply passes, one missed reply marks the upstream down.</summary>
    internal static HealthConfig FastUdpProbe(int fall = 1, int rise = 1) => new()
    {
        Check = HealthCheckKind.UdpProbe,
        Interval = TimeSpan.FromMilliseconds(100),
        Timeout = TimeSpan.FromMilliseconds(80),
        Fall = fall,
        Rise = rise,
        UdpProbe = new UdpProbeConfig { Send = "ping"u8.ToArray() },
    };

    [Fact]
    public async Task NewSessions_NeverGoToUnhealthyDrainingOrDisabledUpstreams()
    {
        await using var up = UdpEchoUpstream.Start();
        await using var dead = UdpEchoUpstream.Start();
        await using var draining = UdpEchoUpstream.Start();
        await using var disabled = UdpEchoUpstream.Start();
        dead.Replying = false;
        var rule = NodeFixture.UdpRule([up.EndPoint, dead.EndPoint, draining.EndPoint, disabled.EndPoint]) with { Health = FastUdpProbe() };
        await using var relay = await NodeFixture.StartAsync(rule);
        var upstreams = relay.Rule.Upstreams;
        await Eventually.TrueAsync(() => upstreams[1].Health == UpstreamHealth.Unhealthy, "the silent upstream to be marked unhealthy");
        Assert.True(await relay.Node.SetUpstreamAdminStateAsync("test", draining.EndPoint.ToString(), UpstreamAdminState.Draining));
        Assert.True(await relay.Node.SetUpstreamAdminStateAsync("test", disabled.EndPoint.ToString(), UpstreamAdminState.Disabled));
        Assert.False(await relay.Node.SetUpstreamAdminStateAsync("test", "127.0.0.1:1", UpstreamAdminState.Disabled));

        for (var i = 0; i < 20; i++)
        {
            using var peer = new UdpPeer(relay.Listen);
            Assert.NotNull(await peer.RoundTripAsync([(byte)i], s_replyTimeout));
        }

        Assert.Equal(20, upstreams[0].ActiveSessions);
        Assert.All(upstreams.Skip(1), upstream => Assert.Equal(0, upstream.ActiveSessions));
    }

    [Fact]
    public async Task NoUpstreamAvailable_NewPeersRefusedAndCountedWhileExistingContinue()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(echo.EndPoint);
        using var existing = new UdpPeer(relay.Listen);
        Assert.NotNull(await existing.RoundTripAsync([1], s_replyTimeout));

        await relay.Node.SetUpstreamAdminStateAsync("test", echo.EndPoint.ToString(), UpstreamAdminState.Draining);
        using var newcomer = new UdpPeer(relay.Listen);
        newcomer.Send([2]);

        await Eventually.TrueAsync(() => relay.Rule.Counters.Drops(DropReason.NoUpstream) == 1, "the new peer to be refused for want of an upstream");
        Assert.Equal([3], await existing.RoundTripAsync([3], s_replyTimeout));
    }

    [Fact]
    public async Task Draining_LeavesExistingSessionsUntilTheyIdleOut()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var other = UdpEchoUpstream.Start();
        var rule = NodeFixture.UdpRule([echo.EndPoint, other.EndPoint], new SessionConfig { IdleTimeout = TimeSpan.FromMilliseconds(600) });
        await using var relay = await NodeFixture.StartAsync(rule);
        using var peer = new UdpPeer(relay.Listen);
        Assert.NotNull(await peer.RoundTripAsync([1], s_replyTimeout));
        var session = Assert.Single(relay.Udp.Sessions);
        Assert.Same(relay.Rule.Upstreams[0], session.Upstream);

        await relay.Node.SetUpstreamAdminStateAsync("test", echo.EndPoint.ToString(), UpstreamAdminState.Draining);
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await peer.RoundTripAsync([2], s_replyTimeout));
        }

        Assert.Same(session, Assert.Single(relay.Udp.Sessions));
        Assert.Equal(4, echo.DatagramsReceived);
        await Eventually.TrueAsync(() => session.IsClosed, "the drained session to idle out");
        Assert.Equal(SessionCloseReason.IdleTimeout, session.CloseReason);
    }

    [Fact]
    public async Task Disabled_ClosesExistingSessions()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(echo.EndPoint);
        using var peer = new UdpPeer(relay.Listen);
        Assert.NotNull(await peer.RoundTripAsync([1], s_replyTimeout));
        var session = Assert.Single(relay.Udp.Sessions);

        await relay.Node.SetUpstreamAdminStateAsync("test", echo.EndPoint.ToString(), UpstreamAdminState.Disabled);

        await Eventually.TrueAsync(() => session.IsClosed, "the session on the disabled upstream to close");
        Assert.Equal(SessionCloseReason.UpstreamDisabled, session.CloseReason);
    }

    [Theory]
    [InlineData(UpstreamDownAction.Rebind)]
    [InlineData(UpstreamDownAction.Keep)]
    public async Task UpstreamTurnsUnhealthy_RebindMovesSessionOnNextDatagramKeepDoesNot(UpstreamDownAction action)
    {
        await using var first = UdpEchoUpstream.Start();
        await using var second = UdpEchoUpstream.Start();
        var rule = NodeFixture.UdpRule([first.EndPoint, second.EndPoint], new SessionConfig { OnUpstreamDown = action }) with { Health = FastUdpProbe() };
        await using var relay = await NodeFixture.StartAsync(rule);
        using var peer = new UdpPeer(relay.Listen);
        Assert.NotNull(await peer.RoundTripAsync([1], s_replyTimeout));
        var session = Assert.Single(relay.Udp.Sessions);
        var (dying, surviving) = ReferenceEquals(session.Upstream, relay.Rule.Upstreams[0]) ? (first, second) : (second, first);

        dying.Replying = false;
        await Eventually.TrueAsync(() => session.Upstream.Health == UpstreamHealth.Unhealthy, "the upstream to be marked unhealthy");
        var reply = await peer.RoundTripAsync([2], action == UpstreamDownAction.Rebind ? s_replyTimeout : TimeSpan.FromMilliseconds(300));

        if (action == UpstreamDownAction.Rebind)
        {
            Assert.Equal([2], reply);
            Assert.Equal(SessionCloseReason.UpstreamUnhealthy, session.CloseReason);
            Assert.Equal(surviving.EndPoint, Assert.Single(relay.Udp.Sessions).Upstream.EndPoint);
        }
        else
        {
            Assert.Null(reply);
            Assert.False(session.IsClosed);
            Assert.Same(session, Assert.Single(relay.Udp.Sessions));
        }
    }
}
