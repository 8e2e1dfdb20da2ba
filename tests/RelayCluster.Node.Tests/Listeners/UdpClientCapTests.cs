using System.Diagnostics;
using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Sessions;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Listeners;

public class UdpClientCapTests
{
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task DefaultConfig_SixtyFourIdleFlowsThenAHundredNewOnesFromOneIp_EveryFlowAnswered()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.UdpRule([echo.EndPoint]));
        Assert.Equal(0, relay.Rule.Limiter.MaxPerClientIp);

        var first = Enumerable.Range(0, 64).Select(_ => new UdpPeer(relay.Listen)).ToList();
        await Task.WhenAll(first.Select((peer, i) => EchoesAsync(peer, [(byte)i])));

        // The first run's sessions stay open and idle while a second run of 100 flows starts at once.
        var second = Enumerable.Range(0, 100).Select(_ => new UdpPeer(relay.Listen)).ToList();
        await Task.WhenAll(second.Select((peer, i) => EchoesAsync(peer, [(byte)i, 2])));

        Assert.Equal(164, relay.Rule.Counters.SessionsOpened);
        Assert.All(Enum.GetValues<DropReason>(), reason => Assert.Equal(0, relay.Rule.Counters.Drops(reason)));
        first.Concat(second).ToList().ForEach(peer => peer.Dispose());
    }

    [Fact]
    public async Task CapFour_FifthFlowRefusedWhileAllActive_ThenTakesOverTheIdlestAfterReclaimAfter()
    {
        await using var echo = UdpEchoUpstream.Start();
        var reclaimAfter = TimeSpan.FromSeconds(1);
        var session = new SessionConfig { MaxPerClientIp = 4, ReclaimAfter = reclaimAfter };
        await using var relay = await NodeFixture.StartAsync(NodeFixture.UdpRule([echo.EndPoint], session));
        var counters = relay.Rule.Counters;
        var peers = Enumerable.Range(0, 4).Select(_ => new UdpPeer(relay.Listen)).ToList();
        foreach (var peer in peers)
        {
            Assert.NotNull(await peer.RoundTripAsync([1], s_replyTimeout));
        }

        var idleSince = Stopwatch.StartNew();
        using var fifth = new UdpPeer(relay.Listen);

        // All four were active just now: the fifth flow is refused and counted.
        fifth.Send([5]);
        await Eventually.TrueAsync(() => counters.Drops(DropReason.ClientLimit) == 1, "the fifth flow to be refused as client-limit");
        Assert.Equal(4, relay.Udp.SessionCount);

        // Three peers keep talking; the first stays silent and becomes the idlest. The fifth retries until it gets in.
        byte[]? reply = null;
        var deadline = Stopwatch.StartNew();
        while (reply is null && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            foreach (var peer in peers.Skip(1))
            {
                Assert.NotNull(await peer.RoundTripAsync([2], s_replyTimeout));
            }

            reply = await fifth.RoundTripAsync([6], TimeSpan.FromMilliseconds(200));
        }

        Assert.Equal([6], reply ?? []);
        Assert.True(idleSince.Elapsed >= reclaimAfter - TimeSpan.FromMilliseconds(50), $"reclaimed after {idleSince.Elapsed}, before reclaim-after");
        Assert.Equal(1, counters.SessionsClosed.GetValueOrDefault(SessionCloseReason.Reclaimed));
        Assert.Equal(4, relay.Udp.SessionCount);
        var clients = relay.Udp.Sessions.Select(s => s.Client).ToList();
        Assert.DoesNotContain(peers[0].LocalEndPoint, clients);
        Assert.Contains(fifth.LocalEndPoint, clients);
        Assert.All(peers.Skip(1), peer => Assert.Contains(peer.LocalEndPoint, clients));
        Assert.True(counters.Drops(DropReason.ClientLimit) >= 1);
        peers.ForEach(peer => peer.Dispose());
    }

    [Fact]
    public async Task CapOne_NewFlowReclaims_OnlyItsOwnIpsSession()
    {
        await using var echo = UdpEchoUpstream.Start();
        var session = new SessionConfig { MaxPerClientIp = 1, ReclaimAfter = TimeSpan.FromMilliseconds(1) };
        await using var relay = await NodeFixture.StartAsync(NodeFixture.UdpRule([echo.EndPoint], session));
        using var other = new UdpPeer(relay.Listen, IPAddress.Parse("127.0.0.2"));
        using var first = new UdpPeer(relay.Listen);
        Assert.NotNull(await other.RoundTripAsync([1], s_replyTimeout));
        Assert.NotNull(await first.RoundTripAsync([1], s_replyTimeout));

        using var second = new UdpPeer(relay.Listen);
        byte[]? reply = null;
        var deadline = Stopwatch.StartNew();
        while (reply is null && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            reply = await second.RoundTripAsync([2], TimeSpan.FromMilliseconds(200));
        }

        Assert.Equal([2], reply ?? []);
        var clients = relay.Udp.Sessions.Select(s => s.Client).ToList();
        Assert.Contains(other.LocalEndPoint, clients);
        Assert.DoesNotContain(first.LocalEndPoint, clients);
    }

    private static async Task EchoesAsync(UdpPeer peer, byte[] datagram)
    {
        var reply = await peer.RoundTripAsync(datagram, s_replyTimeout);
        Assert.True(reply is not null && datagram.AsSpan().SequenceEqual(reply), $"{peer.LocalEndPoint}: no exact reply");
    }
}
