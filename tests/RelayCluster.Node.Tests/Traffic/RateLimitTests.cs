using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Sessions;
using RelayCluster.Node.Tests.Tcp;
using RelayCluster.Testing.Upstreams;
using Xunit.Abstractions;

namespace RelayCluster.Node.Tests.Traffic;

[Collection(nameof(MemoryMeasurement))]
public class RateLimitTests(ITestOutputHelper output)
{
    // Half a second's worth, so a stall of the sending test thread does not show up as a lower rate.
    private const int Burst = 50;
    private static readonly TimeSpan s_window = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Udp_ClientOverPacketLimit_HeldToConfiguredRateWhileAnotherClientIsUnaffected()
    {
        await using var echo = UdpEchoUpstream.Start();
        var rule = NodeFixture.UdpRule([echo.EndPoint]) with { RateLimit = new RateLimitConfig { PacketsPerSecond = 100, Burst = Burst } };
        await using var relay = await NodeFixture.StartAsync(rule);
        using var flooding = new UdpPeer(relay.Listen, IPAddress.Parse("127.0.0.1"));
        using var polite = new UdpPeer(relay.Listen, IPAddress.Parse("127.0.0.2"));

        // The first sends 300 datagrams a second, the second 50, both for five seconds.
        var both = await Task.WhenAll(SendAndCountAsync(flooding, perTick: 3), SendAndCountAsync(polite, perTick: 1, everyOther: true));
        var (floodingSent, floodingReplies) = both[0];
        var (politeSent, politeReplies) = both[1];

        output.WriteLine($"over {s_window.TotalSeconds} s: limited client sent {floodingSent}, got {floodingReplies} replies; other client sent {politeSent}, got {politeReplies}; "
            + $"rate-limited drops {relay.Rule.Runtime.Counters.Drops(DropReason.RateLimited)}, upstream received {echo.DatagramsReceived}");
        // Over the window the bucket hands out its depth once, then the configured rate.
        var perSecond = (floodingReplies - Burst) / s_window.TotalSeconds;
        Assert.InRange(perSecond, 1, 110);
        Assert.Equal(politeSent, politeReplies);
        Assert.True(relay.Rule.Runtime.Counters.Drops(DropReason.RateLimited) > 0);
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
        Assert.Equal(1, relay.Rule.Runtime.Counters.Drops(DropReason.RateLimited));
        sockets.ForEach(s => s.Dispose());
    }

    /// <summary>Sends <paramref name="perTick"/> datagrams every 10 ms (or every 20 ms) for the window and counts the replies.</summary>
    private static async Task<(int Sent, int Replies)> SendAndCountAsync(UdpPeer peer, int perTick, bool everyOther = false)
    {
        var sent = 0;
        var replies = 0;
        var clock = Stopwatch.StartNew();
        var lastReplyMs = 0L;
        using var stop = new CancellationTokenSource();
        var receiving = Task.Run(
            async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    if (await peer.ReceiveAsync(TimeSpan.FromMilliseconds(100)) is not null)
                    {
                        Interlocked.Increment(ref replies);
                        Volatile.Write(ref lastReplyMs, clock.ElapsedMilliseconds);
                    }
                }
            },
            CancellationToken.None);

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(everyOther ? 20 : 10));
        while (clock.Elapsed < s_window && await timer.WaitForNextTickAsync())
        {
            for (var i = 0; i < perTick; i++)
            {
                peer.Send([1]);
                sent++;
            }
        }

        // Replies to the last datagrams may still be on their way: count until none came for 200 ms.
        await Eventually.TrueAsync(() => clock.ElapsedMilliseconds - Volatile.Read(ref lastReplyMs) > 200, "the replies to stop", TimeSpan.FromSeconds(5));
        await stop.CancelAsync();
        await receiving;
        return (sent, replies);
    }
}
