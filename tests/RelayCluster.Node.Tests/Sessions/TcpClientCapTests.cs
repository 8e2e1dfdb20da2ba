using System.Net.Sockets;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Listeners;
using RelayCluster.Node.Sessions;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Sessions;

public class TcpClientCapTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(TcpIo.Default)]
    [InlineData(TcpIo.Async)]
    public async Task CapSixtyFour_TwentyRoundsOfFiftyConnectionsClosedAndReopened_NoneRefusedOrReset(TcpIo io)
    {
        await using var echo = TcpEchoUpstream.Start();
        var rule = NodeFixture.TcpRule([echo.EndPoint], new SessionConfig { MaxPerClientIp = 64 });
        await using var relay = await NodeFixture.StartAsync(rule, tcpIo: io);
        var counters = relay.Rule.Counters;

        for (var round = 0; round < 20; round++)
        {
            var clients = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => TcpClientPeer.ConnectAsync(relay.Listen)));
            await Task.WhenAll(clients.Select(async (client, id) =>
            {
                byte[] payload = [(byte)round, (byte)id, 1, 2, 3];
                await client.SendAsync(payload, SocketFlags.None);
                var echoed = await TcpClientPeer.ReadExactlyAsync(client, payload.Length, s_timeout);
                Assert.True(payload.AsSpan().SequenceEqual(echoed), $"round {round}, connection {id}: the echo differs");
            }));

            // Close all and open the next fifty at once, as a benchmark client does.
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        Assert.Equal(0, counters.Drops(DropReason.ClientLimit));
        Assert.All(Enum.GetValues<DropReason>(), reason => Assert.Equal(0, counters.Drops(reason)));
        Assert.Equal(1000, counters.SessionsOpened);
        await Eventually.TrueAsync(() => counters.SessionsActive == 0, "every session to end");
        Assert.Equal(0, relay.Rule.Limiter.Count);
        var closed = counters.SessionsClosed;
        Assert.Equal(0, closed.GetValueOrDefault(SessionCloseReason.ClientReset) + closed.GetValueOrDefault(SessionCloseReason.UpstreamReset));
        Assert.Equal(1000, closed.GetValueOrDefault(SessionCloseReason.ClientClosed) + closed.GetValueOrDefault(SessionCloseReason.UpstreamClosed));
    }
}
