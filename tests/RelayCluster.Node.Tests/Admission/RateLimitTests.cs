using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Listeners;
using RelayCluster.Node.Sessions;
using RelayCluster.Node.Tests.Sessions;
using RelayCluster.Testing.Upstreams;
using Xunit.Abstractions;

namespace RelayCluster.Node.Tests.Admission;

[Collection(nameof(MemoryMeasurement))]
public class RateLimitTests(ITestOutputHelper output)
{
    private const int Rate = 100;
    private const int Burst = 50;
    private static readonly TimeSpan s_window = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(UdpIo.Default)]
    [InlineData(UdpIo.Async)]
    public async Task Udp_ClientOverPacketLimit_HeldWithinTenPercentOfTheRateWhileAnotherClientIsUnaffected(UdpIo io)
    {
        await using var echo = UdpEchoUpstream.Start();
        var rule = NodeFixture.UdpRule([echo.EndPoint]) with { RateLimit = new RateLimitConfig { PacketsPerSecond = Rate, Burst = Burst } };
        await using var relay = await NodeFixture.StartAsync(rule, udpIo: io);

        // The first offers three times its limit, the second half of it, both for five seconds.
        var both = await Task.WhenAll(
            PacedUdpClient.RunAsync(relay.Listen, IPAddress.Parse("127.0.0.1"), 3 * Rate, s_window),
            PacedUdpClient.RunAsync(relay.Listen, IPAddress.Parse("127.0.0.2"), Rate / 2, s_window));
        var (limitedSent, limitedReplies) = both[0];
        var (otherSent, otherReplies) = both[1];

        // The bucket hands out its depth once, then the configured rate.
        var perSecond = (limitedReplies - Burst) / s_window.TotalSeconds;
        output.WriteLine($"over {s_window.TotalSeconds} s: limited client sent {limitedSent}, got {limitedReplies} replies, {perSecond:0.0}/s net of the burst; "
            + $"other client sent {otherSent}, got {otherReplies}; rate-limited drops {relay.Rule.Counters.Drops(DropReason.RateLimited)}");
        Assert.InRange(perSecond, 0.9 * Rate, 1.1 * Rate);
        Assert.Equal(otherSent, otherReplies);
        Assert.Equal(limitedSent - limitedReplies, relay.Rule.Counters.Drops(DropReason.RateLimited));
    }

    [Theory]
    [InlineData(UdpIo.Default)]
    [InlineData(UdpIo.Async)]
    public async Task Udp_RuleReloadedWithARateLimitThenWithout_KnownPeerLimitedOnlyWhileItIsConfigured(UdpIo io)
    {
        await using var echo = UdpEchoUpstream.Start();
        var rule = NodeFixture.UdpRule([echo.EndPoint]);
        await using var relay = await NodeFixture.StartAsync(rule, udpIo: io);
        using var peer = new UdpPeer(relay.Listen);
        Assert.NotNull(await peer.RoundTripAsync([1], s_replyTimeout));
        var session = Assert.Single(relay.Udp.Sessions);

        Assert.Empty(await relay.Node.ApplyRulesAsync([rule with { RateLimit = new RateLimitConfig { PacketsPerSecond = 1, Burst = 1 } }]));
        for (var i = 0; i < 20; i++)
        {
            peer.Send([2]);
        }

        // One datagram a second gets through: at least 10 of 20 sent at once are dropped, however slow the machine.
        await Eventually.TrueAsync(() => relay.Rule.Counters.Drops(DropReason.RateLimited) >= 10, "the reloaded rate limit to drop the peer's datagrams");
        Assert.Empty(await relay.Node.ApplyRulesAsync([rule]));
        var dropped = relay.Rule.Counters.Drops(DropReason.RateLimited);
        for (var i = 0; i < 20; i++)
        {
            peer.Send([3]);
            byte[]? reply;
            do
            {
                // Skips the late replies to the datagrams the limit let through.
                reply = await peer.ReceiveAsync(s_replyTimeout);
            }
            while (reply is [2]);

            Assert.Equal([3], reply);
        }

        Assert.Equal(dropped, relay.Rule.Counters.Drops(DropReason.RateLimited));
        Assert.Same(session, Assert.Single(relay.Udp.Sessions));
    }

    [Fact]
    public async Task Tcp_ClientOverConnectionLimit_NewConnectionsRefused()
    {
        await using var echo = TcpEchoUpstream.Start();
        var rule = NodeFixture.TcpRule([echo.EndPoint]) with { RateLimit = new RateLimitConfig { PacketsPerSecond = 1, Burst = 2 } };
        await using var relay = await NodeFixture.StartAsync(rule);
        var sockets = new List<Socket>();
        for (var i = 0; i < 2; i++)
        {
            sockets.Add(await TcpClientPeer.ConnectAsync(relay.Listen));
        }

        await Assert.ThrowsAnyAsync<SocketException>(async () =>
        {
            using var third = await TcpClientPeer.ConnectAsync(relay.Listen);
            await TcpClientPeer.ReadToEndAsync(third, TimeSpan.FromSeconds(5));
        });
        using var otherIp = await TcpClientPeer.ConnectAsync(relay.Listen, IPAddress.Parse("127.0.0.2"));
        await otherIp.SendAsync(new byte[] { 5 });

        Assert.Equal([5], await TcpClientPeer.ReadExactlyAsync(otherIp, 1, TimeSpan.FromSeconds(5)));
        Assert.Equal(1, relay.Rule.Counters.Drops(DropReason.RateLimited));
        sockets.ForEach(s => s.Dispose());
    }
}
