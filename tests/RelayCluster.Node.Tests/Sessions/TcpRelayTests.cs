using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Listeners;
using RelayCluster.Node.Sessions;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Sessions;

public class TcpRelayTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(TcpIo.Default)]
    [InlineData(TcpIo.Async)]
    public async Task Relay_TwoHundredConnections_EachEchoesExactlyItsOwnBytes(TcpIo io)
    {
        await using var echo = TcpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([echo.EndPoint]), tcpIo: io);
        Assert.Equal(io == TcpIo.Default && OperatingSystem.IsLinux(), relay.Tcp.UsesEpoll);
        var random = new Random(42);
        var payloads = Enumerable.Range(0, 200).Select(_ =>
        {
            var payload = new byte[random.Next(1, 1024 * 1024 + 1)];
            random.NextBytes(payload);
            return payload;
        }).ToList();

        await Task.WhenAll(payloads.Select((payload, id) => Task.Run(async () =>
        {
            // Twenty connections from each of 127.0.0.1 to 127.0.0.10, under the per-client-IP cap.
            using var client = await TcpClientPeer.ConnectAsync(relay.Listen, new IPAddress([127, 0, 0, (byte)(1 + (id % 10))]));
            var send = Task.Run(async () =>
            {
                await client.SendAsync(payload, SocketFlags.None);
                client.Shutdown(SocketShutdown.Send);
            });
            var echoed = await TcpClientPeer.ReadToEndAsync(client, s_timeout);
            await send;
            Assert.True(payload.AsSpan().SequenceEqual(echoed), $"connection {id}: {echoed.Length} bytes came back for {payload.Length} sent");
        })));

        Assert.Equal(200, relay.Rule.Counters.SessionsOpened);
        await Eventually.TrueAsync(() => relay.Rule.Counters.SessionsActive == 0, "every session to end");
        Assert.Equal(200, relay.Rule.Counters.SessionsClosed[SessionCloseReason.ClientClosed]);
        Assert.Equal(payloads.Sum(p => (long)p.Length), relay.Rule.Counters.EndedTraffic.BytesToUpstream);
        Assert.Equal(payloads.Sum(p => (long)p.Length), relay.Rule.Counters.EndedTraffic.BytesToClient);
    }

    [Theory]
    [InlineData(TcpIo.Default)]
    [InlineData(TcpIo.Async)]
    public async Task HalfClose_ClientFinishesFirst_UpstreamStillAnswersInFull(TcpIo io)
    {
        await using var echo = TcpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([echo.EndPoint]), tcpIo: io);
        using var client = await TcpClientPeer.ConnectAsync(relay.Listen);
        var request = new byte[300_000];
        new Random(1).NextBytes(request);

        await client.SendAsync(request, SocketFlags.None);
        client.Shutdown(SocketShutdown.Send);

        // The echo only finishes (and closes its side) after it saw the client's FIN through the relay.
        Assert.Equal(request, await TcpClientPeer.ReadToEndAsync(client, s_timeout));
        await Eventually.TrueAsync(() => relay.Rule.Counters.SessionsActive == 0, "the session to end");
        Assert.Equal(1, relay.Rule.Counters.SessionsClosed[SessionCloseReason.ClientClosed]);
    }

    [Theory]
    [InlineData(TcpIo.Default)]
    [InlineData(TcpIo.Async)]
    public async Task HalfClose_UpstreamFinishesFirst_ClientCanStillSend(TcpIo io)
    {
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        upstream.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        upstream.Listen(1);
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([(IPEndPoint)upstream.LocalEndPoint!]), tcpIo: io);
        using var client = await TcpClientPeer.ConnectAsync(relay.Listen);
        using var accepted = await upstream.AcceptAsync();

        await accepted.SendAsync("bye"u8.ToArray(), SocketFlags.None);
        accepted.Shutdown(SocketShutdown.Send);
        Assert.Equal("bye"u8.ToArray(), await TcpClientPeer.ReadToEndAsync(client, s_timeout));

        var late = new byte[100_000];
        new Random(2).NextBytes(late);
        await client.SendAsync(late, SocketFlags.None);
        client.Shutdown(SocketShutdown.Send);

        Assert.Equal(late, await TcpClientPeer.ReadToEndAsync(accepted, s_timeout));
        await Eventually.TrueAsync(() => relay.Rule.Counters.SessionsActive == 0, "the session to end");
        Assert.Equal(1, relay.Rule.Counters.SessionsClosed[SessionCloseReason.UpstreamClosed]);
    }

    [Theory]
    [InlineData(TcpIo.Default)]
    [InlineData(TcpIo.Async)]
    public async Task Reset_ByUpstream_PassedOnToClient(TcpIo io)
    {
        await using var echo = TcpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([echo.EndPoint]), tcpIo: io);
        using var client = await TcpClientPeer.ConnectAsync(relay.Listen);
        await client.SendAsync(new byte[] { 1 }, SocketFlags.None);
        Assert.Equal([1], await TcpClientPeer.ReadExactlyAsync(client, 1, s_timeout));

        echo.AbortConnections();

        var error = await Assert.ThrowsAsync<SocketException>(() => TcpClientPeer.ReadToEndAsync(client, s_timeout));
        Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
        await Eventually.TrueAsync(() => relay.Rule.Counters.SessionsActive == 0, "the session to end");
        Assert.Equal(1, relay.Rule.Counters.SessionsClosed[SessionCloseReason.UpstreamReset]);
    }

    [Theory]
    [InlineData(TcpIo.Default)]
    [InlineData(TcpIo.Async)]
    public async Task Connect_FirstUpstreamRefuses_ClientConnectedToNextWithNoVisibleFailure(TcpIo io)
    {
        await using var echo = TcpEchoUpstream.Start();
        var refusing = TcpClientPeer.RefusingEndPoint();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([refusing, echo.EndPoint]), tcpIo: io);

        for (var i = 0; i < 6; i++)
        {
            using var client = await TcpClientPeer.ConnectAsync(relay.Listen);
            await client.SendAsync(new byte[] { (byte)i }, SocketFlags.None);
            Assert.Equal([(byte)i], await TcpClientPeer.ReadExactlyAsync(client, 1, s_timeout));
        }

        Assert.Equal(6, echo.ConnectionsAccepted);
        Assert.Equal(0, relay.Rule.Counters.Drops(DropReason.NoUpstream));
    }

    [Theory]
    [InlineData(TcpIo.Default)]
    [InlineData(TcpIo.Async)]
    public async Task Connect_FirstUpstreamNeverAnswers_NextTriedAfterConnectTimeout(TcpIo io)
    {
        await using var echo = TcpEchoUpstream.Start();
        using var silent = SilentUpstream.Start();
        var session = new SessionConfig { IdleTimeout = TimeSpan.FromMinutes(10), ConnectTimeout = TimeSpan.FromMilliseconds(300) };
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([silent.EndPoint, echo.EndPoint], session), tcpIo: io);
        var started = DateTime.UtcNow;

        using var client = await TcpClientPeer.ConnectAsync(relay.Listen);
        await client.SendAsync(new byte[] { 7 }, SocketFlags.None);

        Assert.Equal([7], await TcpClientPeer.ReadExactlyAsync(client, 1, s_timeout));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(290), "the first upstream was not given its connect timeout");
        Assert.Equal(1, echo.ConnectionsAccepted);
    }

    [Theory]
    [InlineData(TcpIo.Default)]
    [InlineData(TcpIo.Async)]
    public async Task Connect_EveryUpstreamRefuses_ClientClosedAfterConnectAttempts(TcpIo io)
    {
        var session = new SessionConfig { IdleTimeout = TimeSpan.FromMinutes(10), ConnectAttempts = 2 };
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([TcpClientPeer.RefusingEndPoint(), TcpClientPeer.RefusingEndPoint(), TcpClientPeer.RefusingEndPoint()], session), tcpIo: io);

        await Assert.ThrowsAnyAsync<SocketException>(async () =>
        {
            // The relay resets the client once no upstream took the connection; the reset may already reach the connect.
            using var client = await TcpClientPeer.ConnectAsync(relay.Listen);
            await TcpClientPeer.ReadToEndAsync(client, s_timeout);
        });
        await Eventually.TrueAsync(() => relay.Rule.Counters.SessionsActive == 0, "the session to end");
        Assert.Equal(1, relay.Rule.Counters.SessionsClosed[SessionCloseReason.UpstreamConnectFailed]);
    }

    [Theory]
    [InlineData(TcpIo.Default)]
    [InlineData(TcpIo.Async)]
    public async Task IdleTimeout_ConnectionSilentPastTimeout_Closed(TcpIo io)
    {
        await using var echo = TcpEchoUpstream.Start();
        var session = new SessionConfig { IdleTimeout = TimeSpan.FromMilliseconds(300) };
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([echo.EndPoint], session), tcpIo: io);
        using var client = await TcpClientPeer.ConnectAsync(relay.Listen);
        await client.SendAsync(new byte[] { 1 }, SocketFlags.None);
        Assert.Equal([1], await TcpClientPeer.ReadExactlyAsync(client, 1, s_timeout));

        await Assert.ThrowsAnyAsync<SocketException>(() => TcpClientPeer.ReadToEndAsync(client, s_timeout));
        await Eventually.TrueAsync(() => relay.Rule.Counters.SessionsActive == 0, "the session to end");
        Assert.Equal(1, relay.Rule.Counters.SessionsClosed[SessionCloseReason.IdleTimeout]);
        await Eventually.TrueAsync(() => echo.ActiveConnections == 0, "the upstream connection to close");
    }

    [Theory]
    [InlineData(TcpIo.Default)]
    [InlineData(TcpIo.Async)]
    public async Task Drain_ExistingConnectionKeepsWorkingNewOnesRefusedThenClosedAtGrace(TcpIo io)
    {
        await using var echo = TcpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([echo.EndPoint]), tcpIo: io);
        using var existing = await TcpClientPeer.ConnectAsync(relay.Listen);
        await existing.SendAsync(new byte[] { 1 }, SocketFlags.None);
        Assert.Equal([1], await TcpClientPeer.ReadExactlyAsync(existing, 1, s_timeout));

        var drain = relay.Node.DrainAsync(TimeSpan.FromSeconds(2));
        await Eventually.TrueAsync(() => !relay.Rule.Listener.IsAccepting, "the listener to stop accepting");
        await Assert.ThrowsAnyAsync<SocketException>(async () =>
        {
            // The relay resets a connection it will not serve; the reset may already reach the client's connect.
            using var newcomer = await TcpClientPeer.ConnectAsync(relay.Listen);
            await TcpClientPeer.ReadToEndAsync(newcomer, s_timeout);
        });
        await Eventually.TrueAsync(() => relay.Rule.Counters.Drops(DropReason.Draining) == 1, "the new connection to be counted as refused");

        await existing.SendAsync(new byte[] { 2 }, SocketFlags.None);
        Assert.Equal([2], await TcpClientPeer.ReadExactlyAsync(existing, 1, s_timeout));

        await drain;
        Assert.Equal(1, relay.Rule.Counters.SessionsClosed[SessionCloseReason.NodeShutdown]);
    }
}
