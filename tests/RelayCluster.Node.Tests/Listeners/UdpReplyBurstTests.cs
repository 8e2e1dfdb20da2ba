using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Listeners;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Tests.Listeners;

/// <summary>
/// Replies that reach the relay back to back, as a burst the epoll worker reads with one call and sends with one call:
/// each must reach the client once, in order, and an oversized one in the middle must be dropped without taking its
/// neighbours with it.
/// </summary>
public class UdpReplyBurstTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(UdpIo.Default)]
    [InlineData(UdpIo.Async)]
    public async Task Replies_BurstWithOversizedInTheMiddle_OthersArriveInOrderAndOversizedCounted(UdpIo io)
    {
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        upstream.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using var relay = await NodeFixture.StartAsync((IPEndPoint)upstream.LocalEndPoint!, new SessionConfig { MaxDatagram = 512 }, io);
        using var peer = new UdpPeer(relay.Listen);

        peer.Send([42]);
        var buffer = new byte[2048];
        using var cts = new CancellationTokenSource(s_timeout);
        var request = await upstream.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
        var session = request.RemoteEndPoint;
        const int replies = 40;
        for (var i = 0; i < replies; i++)
        {
            var reply = i == 10 ? new byte[513] : new byte[] { (byte)i, 7 };
            upstream.SendTo(reply, session);
        }

        for (var i = 0; i < replies; i++)
        {
            if (i == 10)
            {
                continue;
            }

            var received = await peer.ReceiveAsync(s_timeout);
            Assert.Equal(new byte[] { (byte)i, 7 }, received);
        }

        await Eventually.TrueAsync(() => relay.Rule.Counters.Drops(DropReason.Truncated) == 1, "the oversized reply to be dropped");
        await Eventually.TrueAsync(() => relay.Rule.Traffic().PacketsToClient == replies - 1, "every other reply to be counted");
    }
}
