using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Sessions;
using RelayCluster.Node.Tests.Admission;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Rules;

public class RuleReloadTests
{
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ApplyRules_UpstreamAdded_ExistingSessionKeepsItsUpstreamAndNewSessionsUseTheNewSet()
    {
        await using var first = UdpEchoUpstream.Start();
        await using var second = UdpEchoUpstream.Start();
        var rule = NodeFixture.UdpRule([first.EndPoint]);
        await using var relay = await NodeFixture.StartAsync(rule);
        using var early = new UdpPeer(relay.Listen);
        Assert.NotNull(await early.RoundTripAsync([1], s_replyTimeout));
        var session = Assert.Single(relay.Udp.Sessions);

        var failures = await relay.Node.ApplyRulesAsync([NodeFixture.UdpRule([first.EndPoint, second.EndPoint])]);

        Assert.Empty(failures);
        Assert.Equal(2, relay.Rule.Upstreams.Count);
        var newcomers = Enumerable.Range(0, 4).Select(_ => new UdpPeer(relay.Listen)).ToList();
        foreach (var peer in newcomers)
        {
            Assert.NotNull(await peer.RoundTripAsync([2], s_replyTimeout));
        }

        Assert.NotNull(await early.RoundTripAsync([3], s_replyTimeout));
        Assert.Same(session, relay.Udp.Sessions.Single(s => s.Client.Equals(early.LocalEndPoint)));
        Assert.False(session.IsClosed);
        Assert.True(second.DatagramsReceived >= 2, "new sessions reach the added upstream");
        Assert.Empty(relay.Rule.Counters.SessionsClosed);
        newcomers.ForEach(peer => peer.Dispose());
    }

    [Fact]
    public async Task ApplyRules_UpstreamRemoved_ItsSessionsEndAsRuleChangedAndClientsMoveOn()
    {
        await using var first = UdpEchoUpstream.Start();
        await using var second = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.UdpRule([first.EndPoint, second.EndPoint]));
        var peers = Enumerable.Range(0, 4).Select(_ => new UdpPeer(relay.Listen)).ToList();
        foreach (var peer in peers)
        {
            Assert.NotNull(await peer.RoundTripAsync([1], s_replyTimeout));
        }

        await relay.Node.ApplyRulesAsync([NodeFixture.UdpRule([first.EndPoint])]);

        await Eventually.TrueAsync(
            () => relay.Rule.Counters.SessionsClosed.GetValueOrDefault(SessionCloseReason.RuleChanged) == 2,
            "the two sessions on the removed upstream to end");
        var before = second.DatagramsReceived;
        foreach (var peer in peers)
        {
            Assert.NotNull(await peer.RoundTripAsync([2], s_replyTimeout));
        }

        Assert.Equal(before, second.DatagramsReceived);
        Assert.All(relay.Udp.Sessions, s => Assert.Equal(first.EndPoint.ToString(), s.Upstream.Address));
        peers.ForEach(peer => peer.Dispose());
    }

    [Fact]
    public async Task ApplyRules_RuleRemovedAndAnotherAdded_OldPortFreedAndNewRuleRelays()
    {
        await using var upstream = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.UdpRule([upstream.EndPoint]));
        var oldListen = relay.Listen;
        using (var peer = new UdpPeer(oldListen))
        {
            Assert.NotNull(await peer.RoundTripAsync([1], s_replyTimeout));
        }

        var added = NodeFixture.UdpRule([upstream.EndPoint]) with { Name = "added" };
        var failures = await relay.Node.ApplyRulesAsync([added]);

        Assert.Empty(failures);
        Assert.Null(relay.Node.FindRule("test"));
        using var newPeer = new UdpPeer(relay.Node.Rule("added").Listener.LocalEndPoint);
        Assert.NotNull(await newPeer.RoundTripAsync([2], s_replyTimeout));
        using var rebind = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        rebind.Bind(oldListen);
    }

    [Fact]
    public async Task ApplyRules_ListenChanged_RuleRestartsOnTheNewAddress()
    {
        await using var upstream = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.UdpRule([upstream.EndPoint]));
        using var peer = new UdpPeer(relay.Listen);
        Assert.NotNull(await peer.RoundTripAsync([1], s_replyTimeout));
        var moved = NodeFixture.UdpRule([upstream.EndPoint]) with { Listen = new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0) };

        await relay.Node.ApplyRulesAsync([moved]);

        Assert.Equal(IPAddress.Parse("127.0.0.2"), relay.Listen.Address);
        Assert.Equal(0, relay.Rule.Counters.SessionsActive);
        using var movedPeer = new UdpPeer(relay.Listen);
        Assert.NotNull(await movedPeer.RoundTripAsync([2], s_replyTimeout));
        Assert.Equal(1, relay.Rule.Counters.SessionsActive);
    }

    [Fact]
    public async Task ApplyRules_SessionCapLowered_NewPeersRefusedExistingKept()
    {
        await using var upstream = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.UdpRule([upstream.EndPoint]));
        using var early = new UdpPeer(relay.Listen);
        Assert.NotNull(await early.RoundTripAsync([1], s_replyTimeout));

        await relay.Node.ApplyRulesAsync([NodeFixture.UdpRule([upstream.EndPoint], new SessionConfig { Max = 1 })]);

        using var late = new UdpPeer(relay.Listen);
        Assert.Null(await late.RoundTripAsync([2], TimeSpan.FromMilliseconds(300)));
        Assert.NotNull(await early.RoundTripAsync([3], s_replyTimeout));
        Assert.Equal(1, relay.Rule.Counters.Drops(DropReason.SessionLimit));
    }

    [Theory]
    [InlineData(HealthCheckKind.UdpProbe)]
    [InlineData(HealthCheckKind.TcpConnect)]
    public async Task ApplyRules_ChecksTurnedOff_EveryUpstreamBackInRotation(HealthCheckKind check)
    {
        await using var up = UdpEchoUpstream.Start();
        await using var silent = UdpEchoUpstream.Start();
        silent.Replying = false;
        // A udp echo has no tcp listener, so tcp-connect finds both upstreams down; udp-probe finds only the silent one.
        var probing = Admission.UpstreamSelectionTests.FastUdpProbe() with { Check = check };
        var rule = NodeFixture.UdpRule([up.EndPoint, silent.EndPoint]) with { Health = probing };
        await using var relay = await NodeFixture.StartAsync(rule);
        var upstreams = relay.Rule.Upstreams;
        await Eventually.TrueAsync(() => upstreams[1].Health == UpstreamHealth.Unhealthy, "the silent upstream to be marked unhealthy");

        var failures = await relay.Node.ApplyRulesAsync([rule with { Health = new HealthConfig { Check = HealthCheckKind.None } }]);

        Assert.Empty(failures);
        Assert.All(relay.Rule.Upstreams, upstream => Assert.True(upstream.IsAvailable, $"{upstream.Address} is back in rotation"));
        silent.Replying = true;
        var peers = Enumerable.Range(0, 4).Select(_ => new UdpPeer(relay.Listen)).ToList();
        foreach (var peer in peers)
        {
            Assert.NotNull(await peer.RoundTripAsync([1], s_replyTimeout));
        }

        Assert.True(relay.Rule.Upstreams[1].ActiveSessions > 0, "new sessions reach the upstream the checks had taken out");
        peers.ForEach(peer => peer.Dispose());
    }
}
