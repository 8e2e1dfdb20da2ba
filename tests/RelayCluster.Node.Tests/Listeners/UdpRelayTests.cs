using System.Buffers.Binary;
using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Listeners;
using RelayCluster.Node.Sessions;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Listeners;

public class UdpRelayTests
{
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(UdpIo.Default)]
    [InlineData(UdpIo.Async)]
    public async Task Relay_HundredConcurrentPeers_EachReceivesExactlyItsOwnDatagrams(UdpIo io)
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(echo.EndPoint, udpIo: io);
        Assert.Equal(io == UdpIo.Default && OperatingSystem.IsLinux() && Environment.Is64BitProcess, relay.Udp.UseEpoll);
        const int peers = 100;
        const int datagramsPerPeer = 20;

        var results = await Task.WhenAll(Enumerable.Range(0, peers).Select(id => Task.Run(async () =>
        {
            // Ten peers on each of 127.0.0.1 to 127.0.0.10: many clients, each under the per-client-IP cap.
            using var peer = new UdpPeer(relay.Listen, new IPAddress([127, 0, 0, (byte)(1 + (id % 10))]));
            var received = 0;
            for (var sequence = 0; sequence < datagramsPerPeer; sequence++)
            {
                var datagram = new byte[16 + id];
                BinaryPrimitives.WriteInt32LittleEndian(datagram, id);
                BinaryPrimitives.WriteInt32LittleEndian(datagram.AsSpan(4), sequence);
                var reply = await peer.RoundTripAsync(datagram, s_replyTimeout);
                Assert.NotNull(reply);
                Assert.Equal(datagram, reply);
                received++;
            }

            return received;
        })));

        Assert.All(results, received => Assert.Equal(datagramsPerPeer, received));
        Assert.Equal(peers, relay.Rule.Counters.SessionsOpened);
        Assert.Equal(peers, relay.Udp.SessionCount);
        var traffic = relay.Rule.Traffic();
        Assert.Equal(peers * datagramsPerPeer, traffic.PacketsToUpstream);
        await Eventually.TrueAsync(() => relay.Rule.Traffic().PacketsToClient == peers * datagramsPerPeer, "every reply to be counted");
    }

    [Theory]
    [InlineData(UdpIo.Default)]
    [InlineData(UdpIo.Async)]
    public async Task IdleTimeout_PeerSilentPastTimeout_SessionExpiredAndSocketClosed(UdpIo io)
    {
        await using var echo = UdpEchoUpstream.Start();
        var session = new SessionConfig { IdleTimeout = TimeSpan.FromMilliseconds(300) };
        await using var relay = await NodeFixture.StartAsync(echo.EndPoint, session, io);
        using var peer = new UdpPeer(relay.Listen);

        Assert.NotNull(await peer.RoundTripAsync([1, 2, 3], s_replyTimeout));
        var live = Assert.Single(relay.Udp.Sessions);
        var upstreamPort = live.UpstreamLocalPort;

        await Eventually.TrueAsync(() => live.IsClosed, "the idle session to be closed");
        Assert.Equal(SessionCloseReason.IdleTimeout, live.CloseReason);
        Assert.Equal(0, relay.Rule.Counters.SessionsActive);
        Assert.Equal(1, relay.Rule.Counters.SessionsClosed[SessionCloseReason.IdleTimeout]);
        Assert.Equal(0, live.Upstream.ActiveSessions);

        // The session's upstream socket is gone: its port can be bound again.
        using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, upstreamPort));

        // The same peer talking again gets a fresh session.
        Assert.NotNull(await peer.RoundTripAsync([4, 5, 6], s_replyTimeout));
        Assert.Equal(2, relay.Rule.Counters.SessionsOpened);
    }

    [Fact]
    public async Task SessionCap_Reached_NewPeersRefusedAndCountedWhileExistingPeersKeepWorking()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(echo.EndPoint, new SessionConfig { Max = 3 });
        var admitted = Enumerable.Range(0, 3).Select(_ => new UdpPeer(relay.Listen)).ToList();
        foreach (var peer in admitted)
        {
            Assert.NotNull(await peer.RoundTripAsync([7], s_replyTimeout));
        }

        using var refused = new UdpPeer(relay.Listen);
        refused.Send([8]);
        await Eventually.TrueAsync(() => relay.Rule.Counters.Drops(DropReason.SessionLimit) == 1, "the fourth peer to be refused");

        foreach (var peer in admitted)
        {
            Assert.Equal([9], await peer.RoundTripAsync([9], s_replyTimeout));
            peer.Dispose();
        }

        Assert.Equal(3, relay.Rule.Counters.SessionsOpened);
    }

    [Fact]
    public async Task ClientIpCap_Reached_ThatIpRefusedWhileAnotherIpIsAdmitted()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(echo.EndPoint, new SessionConfig { MaxPerClientIp = 2 });
        using var first = new UdpPeer(relay.Listen);
        using var second = new UdpPeer(relay.Listen);
        using var third = new UdpPeer(relay.Listen);
        using var otherIp = new UdpPeer(relay.Listen, IPAddress.Parse("127.0.0.2"));

        Assert.NotNull(await first.RoundTripAsync([1], s_replyTimeout));
        Assert.NotNull(await second.RoundTripAsync([2], s_replyTimeout));
        third.Send([3]);
        await Eventually.TrueAsync(() => relay.Rule.Counters.Drops(DropReason.ClientLimit) == 1, "the third peer of 127.0.0.1 to be refused");
        Assert.NotNull(await otherIp.RoundTripAsync([4], s_replyTimeout));
        Assert.NotNull(await first.RoundTripAsync([5], s_replyTimeout));
    }

    [Fact]
    public async Task NodeBudget_Exhausted_NewPeersRefusedAcrossRules()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.UdpRule([echo.EndPoint]), new SessionBudget(1));
        using var first = new UdpPeer(relay.Listen);
        using var second = new UdpPeer(relay.Listen);

        Assert.NotNull(await first.RoundTripAsync([1], s_replyTimeout));
        second.Send([2]);
        await Eventually.TrueAsync(() => relay.Rule.Counters.Drops(DropReason.SessionLimit) == 1, "the peer over the node's budget to be refused");
        Assert.Equal(0, relay.Node.Budget.Available);
    }

    [Theory]
    [InlineData(UdpIo.Default)]
    [InlineData(UdpIo.Async)]
    public async Task Datagram_LargerThanMaxDatagram_DroppedAndCountedNeverForwardedCut(UdpIo io)
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(echo.EndPoint, new SessionConfig { MaxDatagram = 512 }, io);
        using var peer = new UdpPeer(relay.Listen);

        Assert.NotNull(await peer.RoundTripAsync(new byte[512], s_replyTimeout));
        peer.Send(new byte[513]);
        await Eventually.TrueAsync(() => relay.Rule.Counters.Drops(DropReason.Truncated) == 1, "the oversized datagram to be dropped");
        Assert.Equal(1, echo.DatagramsReceived);
    }

    [Theory]
    [InlineData(UdpIo.Default)]
    [InlineData(UdpIo.Async)]
    public async Task Datagram_LargestUdpPayload_RelayedWhenConfigured(UdpIo io)
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(echo.EndPoint, new SessionConfig { MaxDatagram = 65_507 }, io);
        using var peer = new UdpPeer(relay.Listen);
        var datagram = new byte[65_507];
        new Random(7).NextBytes(datagram);

        Assert.Equal(datagram, await peer.RoundTripAsync(datagram, s_replyTimeout));
    }

    [Fact]
    public async Task Drain_ExistingSessionKeepsWorkingWhileNewPeersAreRefused()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(echo.EndPoint);
        using var existing = new UdpPeer(relay.Listen);
        Assert.NotNull(await existing.RoundTripAsync([1], s_replyTimeout));

        var drain = relay.Node.DrainAsync(TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => relay.Udp.SessionCount == 1 && !relay.Udp.IsAccepting, "the listener to stop accepting");
        using var newcomer = new UdpPeer(relay.Listen);
        newcomer.Send([2]);
        await Eventually.TrueAsync(() => relay.Rule.Counters.Drops(DropReason.Draining) == 1, "the new peer to be refused");
        Assert.Equal([3], await existing.RoundTripAsync([3], s_replyTimeout));
        Assert.False(drain.IsCompleted);
    }

    [Fact]
    public async Task Drain_GraceRunsOut_RemainingSessionsClosedAsNodeShutdown()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(echo.EndPoint);
        using var peer = new UdpPeer(relay.Listen);
        Assert.NotNull(await peer.RoundTripAsync([1], s_replyTimeout));

        await relay.Node.DrainAsync(TimeSpan.FromMilliseconds(200));

        Assert.Equal(0, relay.Rule.Counters.SessionsActive);
        Assert.Equal(1, relay.Rule.Counters.SessionsClosed[SessionCloseReason.NodeShutdown]);
    }
}
