using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Listeners;
using RelayCluster.Node.Sessions;
using RelayCluster.Node.Tests.Admission;
using RelayCluster.Testing.Memory;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Listeners;

/// <summary>
/// Feeds datagrams straight into the listener on the test thread and counts what that thread allocates, which is
/// exact: a refused or forwarded datagram must cost no garbage however many arrive. Each test measures several rounds
/// and takes the fewest bytes, so the runtime's one-off work on this thread (a method's first compile) is not counted.
/// </summary>
public class PacketPathAllocationTests
{
    [Fact]
    public async Task OnClientDatagram_AccessDeniedRateLimitedAndSessionLimit_AllocateNothing()
    {
        await using var echo = UdpEchoUpstream.Start();
        var rule = NodeFixture.UdpRule([echo.EndPoint], new SessionConfig { Max = 2 }) with
        {
            Access = new AccessConfig { Deny = [Cidr.Parse("127.2.0.0/16")] },
            RateLimit = new RateLimitConfig { PacketsPerSecond = 1, Burst = 1, MaxClients = 64 },
        };
        await using var relay = await NodeFixture.StartAsync(rule, udpIo: UdpIo.Async);

        // Half the sources are denied (the access list comes before the rate limit, so both their datagrams are); of the
        // others two open sessions and the rest find the rule full. Each sends twice in a row, and the second datagram finds
        // its one-token bucket empty.
        var sources = Enumerable.Range(0, 2_000).Select(i => new IPEndPoint(new IPAddress([127, (byte)(1 + (i % 2)), (byte)(i / 250), (byte)(1 + (i % 250))]), 1_000 + i).Serialize()).ToArray();
        var frame = new byte[UdpSession.HeaderRoom + 64];
        var listener = relay.Udp;
        FeedTwice(listener, sources, frame);
        Assert.Equal(2, listener.SessionCount);
        var drops = Drops(relay);

        var allocated = Allocations.FewestBytes(5, () => FeedTwice(listener, sources, frame));

        var after = Drops(relay);
        Assert.Equal(0, allocated);
        Assert.Equal(5 * sources.Length / 2, after.RateLimited - drops.RateLimited);
        Assert.Equal(5 * sources.Length, after.AccessDenied - drops.AccessDenied);
        Assert.Equal(5 * ((sources.Length / 2) - 2), after.SessionLimit - drops.SessionLimit);
        Assert.Equal(2, relay.Udp.SessionCount);
    }

    [Fact]
    public async Task OnClientDatagram_ProxyV2KnownSession_ForwardsWithoutAllocating()
    {
        await using var echo = UdpEchoUpstream.Start();
        var rule = NodeFixture.UdpRule([echo.EndPoint]) with
        {
            ProxyProtocol = ProxyProtocolVersion.V2,
            RateLimit = new RateLimitConfig { PacketsPerSecond = 1_000_000 },
        };
        await using var relay = await NodeFixture.StartAsync(rule, udpIo: UdpIo.Async);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var address = client.LocalEndPoint!.Serialize();
        var frame = new byte[UdpSession.HeaderRoom + 64];
        var listener = relay.Udp;
        listener.OnClientDatagram(address, frame, 64, worker: null);
        listener.OnClientDatagram(address, frame, 64, worker: null);

        var allocated = Allocations.FewestBytes(3, () =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                listener.OnClientDatagram(address, frame, 64, worker: null);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(3_002, Assert.Single(listener.Sessions).Traffic.PacketsToUpstream);
    }

    [Fact]
    public async Task ForwardToUpstream_EpollSessionOnItsBareDescriptor_SendsWithoutAllocating()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.UdpRule([echo.EndPoint]), udpIo: UdpIo.Default);
        using var peer = new UdpPeer(relay.Listen);
        Assert.NotNull(await peer.RoundTripAsync([1, 2, 3], TimeSpan.FromSeconds(10)));
        var session = Assert.Single(relay.Udp.Sessions);
        var frame = new byte[UdpSession.HeaderRoom + 64];

        var allocated = Allocations.FewestBytes(3, () =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                session.ForwardToUpstream(frame, 64);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(3_001, session.Traffic.PacketsToUpstream);
    }

    [Fact]
    public async Task OnClientDatagram_ClientAtItsSessionCap_NewPortsRefusedWithoutAllocating()
    {
        await using var echo = UdpEchoUpstream.Start();
        // Reclaiming an idle session opens a new one (and allocates): on a machine slow enough for a round of this test to
        // outlast reclaim-after, that would be measured, so the two sessions are never old enough to be reclaimed here.
        var rule = NodeFixture.UdpRule([echo.EndPoint], new SessionConfig { Max = 1_000, MaxPerClientIp = 2, ReclaimAfter = TimeSpan.FromHours(1) });
        await using var relay = await NodeFixture.StartAsync(rule, udpIo: UdpIo.Async);

        // One client address from 2,000 ports: two open sessions, every other port is refused by the per-client cap.
        var sources = Enumerable.Range(0, 2_000).Select(i => new IPEndPoint(IPAddress.Parse("127.3.0.1"), 10_000 + i).Serialize()).ToArray();
        var frame = new byte[UdpSession.HeaderRoom + 64];
        var listener = relay.Udp;
        FeedTwice(listener, sources, frame);
        Assert.Equal(2, listener.SessionCount);
        var refused = relay.Rule.Counters.Drops(DropReason.ClientLimit);

        var allocated = Allocations.FewestBytes(5, () => FeedTwice(listener, sources, frame));

        Assert.Equal(0, allocated);
        Assert.Equal(5 * 2 * (sources.Length - 2), relay.Rule.Counters.Drops(DropReason.ClientLimit) - refused);
        Assert.Equal(2, listener.SessionCount);
    }

    [Fact]
    public async Task OnClientDatagram_TokenRouted_KnownSessionAndUnknownTokensAllocateNothing()
    {
        await using var echo = UdpEchoUpstream.Start();
        var rule = NodeFixture.UdpRule([echo.EndPoint]) with { Token = new TokenConfig { Position = TokenPosition.Suffix, Length = 4 } };
        rule = rule with { Upstreams = [rule.Upstreams[0] with { Tokens = ["41414141"] }] };
        await using var relay = await NodeFixture.StartAsync(rule, udpIo: UdpIo.Async);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var address = client.LocalEndPoint!.Serialize();
        var strangers = Enumerable.Range(0, 1_000).Select(i => new IPEndPoint(IPAddress.Parse("127.4.0.1"), 10_000 + i).Serialize()).ToArray();
        var known = new byte[UdpSession.HeaderRoom + 64];
        "AAAA"u8.CopyTo(known.AsSpan(UdpSession.HeaderRoom + 60));
        var unknown = new byte[UdpSession.HeaderRoom + 64];
        var listener = relay.Udp;
        listener.OnClientDatagram(address, known, 64, worker: null);

        var allocated = Allocations.FewestBytes(3, () =>
        {
            for (var i = 0; i < strangers.Length; i++)
            {
                listener.OnClientDatagram(address, known, 64, worker: null);
                listener.OnClientDatagram(strangers[i], unknown, 64, worker: null);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(3_001, Assert.Single(listener.Sessions).Traffic.PacketsToUpstream);
        Assert.Equal(3_000, relay.Rule.Counters.Drops(DropReason.UnknownToken));
    }

    private static void FeedTwice(UdpListener listener, SocketAddress[] sources, byte[] frame)
    {
        foreach (var source in sources)
        {
            listener.OnClientDatagram(source, frame, 64, worker: null);
            listener.OnClientDatagram(source, frame, 64, worker: null);
        }
    }

    private static (long RateLimited, long AccessDenied, long SessionLimit) Drops(NodeFixture relay)
    {
        var counters = relay.Rule.Counters;
        return (counters.Drops(DropReason.RateLimited), counters.Drops(DropReason.AccessDenied), counters.Drops(DropReason.SessionLimit));
    }
}
