using System.Buffers.Binary;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Sessions;
using RelayCluster.Node.Tests.Health;

namespace RelayCluster.Node.Tests.Admission;

public class CapacityBalancingTests
{
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task MostFreeSlots_RealA2sServers_NewSessionsGoToTheEmptiestAndNeverToAFullOne()
    {
        await using var roomy = A2sServer.Start(players: 10, maxPlayers: 32);
        await using var crowded = A2sServer.Start(players: 28, maxPlayers: 32);
        await using var full = A2sServer.Start(players: 16, maxPlayers: 16);
        var rule = NodeFixture.UdpRule([roomy.EndPoint, crowded.EndPoint, full.EndPoint], balance: "most-free-slots") with
        {
            Health = new HealthConfig
            {
                Check = HealthCheckKind.UdpProbe,
                Preset = HealthPreset.A2sInfo,
                Interval = TimeSpan.FromMilliseconds(100),
                Timeout = TimeSpan.FromMilliseconds(80),
                Rise = 1,
                Fall = 3,
            },
        };
        await using var relay = await NodeFixture.StartAsync(rule);
        var upstreams = relay.Rule.Upstreams;
        await Eventually.TrueAsync(() => upstreams.All(upstream => upstream.Health == UpstreamHealth.Healthy && upstream.Capacity is not null),
            "every server to be probed and to report its players");
        var peers = new List<UdpPeer>();
        try
        {
            // 22 free slots against 4: twelve players all join the roomy server.
            for (var i = 0; i < 12; i++)
            {
                await JoinAsync(relay, peers, i);
            }

            Assert.Equal([12, 0, 0], [roomy.Echoed, crowded.Echoed, full.Echoed]);

            // The roomy server fills up from elsewhere: the next four go to the crowded one, which then is full too.
            roomy.Report(players: 20, maxPlayers: 32);
            await Eventually.TrueAsync(() => upstreams[0].FreeSlots == 0, "the roomy server to report itself full");
            for (var i = 12; i < 16; i++)
            {
                await JoinAsync(relay, peers, i);
            }

            Assert.Equal([12, 4, 0], [roomy.Echoed, crowded.Echoed, full.Echoed]);
            Assert.Equal([12, 4, 0], upstreams.Select(upstream => upstream.ActiveSessions));

            // Every server is full: a newcomer is refused and counted, and the full server never got a player.
            using var newcomer = new UdpPeer(relay.Listen);
            newcomer.Send(Datagram(16));
            await Eventually.TrueAsync(() => relay.Rule.Counters.Drops(DropReason.NoUpstream) == 1, "the newcomer to be refused for want of a free slot");
            Assert.Equal(0, full.Echoed);
            Assert.Equal(new UpstreamCapacity(16, 16), upstreams[2].Capacity);
        }
        finally
        {
            peers.ForEach(peer => peer.Dispose());
        }
    }

    private static async Task JoinAsync(NodeFixture relay, List<UdpPeer> peers, int player)
    {
        var peer = new UdpPeer(relay.Listen);
        peers.Add(peer);
        Assert.Equal(Datagram(player), await peer.RoundTripAsync(Datagram(player), s_replyTimeout));
    }

    private static byte[] Datagram(int player)
    {
        var datagram = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(datagram, player);
        return datagram;
    }
}
