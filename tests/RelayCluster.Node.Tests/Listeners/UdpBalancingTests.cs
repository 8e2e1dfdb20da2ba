using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Listeners;

public class UdpBalancingTests
{
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData("round-robin")]
    [InlineData("least-sessions")]
    public async Task NewPeers_TwoUpstreams_SpreadEvenlyAndStayOnTheirUpstream(string balance)
    {
        await using var first = UdpEchoUpstream.Start();
        await using var second = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.UdpRule([first.EndPoint, second.EndPoint], balance: balance));
        var peers = Enumerable.Range(0, 8).Select(_ => new UdpPeer(relay.Listen)).ToList();

        foreach (var peer in peers)
        {
            Assert.NotNull(await peer.RoundTripAsync([1], s_replyTimeout));
        }

        Assert.Equal(4, first.DatagramsReceived);
        Assert.Equal(4, second.DatagramsReceived);

        foreach (var peer in peers)
        {
            Assert.NotNull(await peer.RoundTripAsync([2], s_replyTimeout));
            peer.Dispose();
        }

        Assert.Equal(8, first.DatagramsReceived);
        Assert.Equal(8, second.DatagramsReceived);
        Assert.All(relay.Rule.Upstreams, upstream => Assert.Equal(4, upstream.ActiveSessions));
    }

    [Fact]
    public async Task HashClientIp_SamePeerAddressAgainAfterExpiry_LandsOnSameUpstream()
    {
        await using var first = UdpEchoUpstream.Start();
        await using var second = UdpEchoUpstream.Start();
        var rule = NodeFixture.UdpRule([first.EndPoint, second.EndPoint], new() { IdleTimeout = TimeSpan.FromMilliseconds(200) }, "hash-client-ip");
        await using var relay = await NodeFixture.StartAsync(rule);
        using var peer = new UdpPeer(relay.Listen);

        Assert.NotNull(await peer.RoundTripAsync([1], s_replyTimeout));
        var upstream = Assert.Single(relay.Udp.Sessions).Upstream;
        await Eventually.TrueAsync(() => relay.Udp.SessionCount == 0, "the session to expire");
        Assert.NotNull(await peer.RoundTripAsync([2], s_replyTimeout));

        Assert.Same(upstream, Assert.Single(relay.Udp.Sessions).Upstream);
    }
}
