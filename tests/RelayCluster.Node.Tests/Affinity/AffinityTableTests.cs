using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Affinity;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Affinity;

/// <summary>The node's affinity table alone, with a source standing in for the cluster's maps.</summary>
public class AffinityTableTests
{
    private static readonly IPEndPoint s_client = new(IPAddress.Parse("127.0.0.1"), 40000);
    private static readonly UpstreamState[] s_upstreams =
    [
        new("10.0.0.11:27015", new IPEndPoint(IPAddress.Parse("10.0.0.11"), 27015)),
        new("10.0.0.12:27015", new IPEndPoint(IPAddress.Parse("10.0.0.12"), 27015)),
    ];

    [Fact]
    public void Find_NoSourceAttached_FindsNothingAndQueuesNothing()
    {
        var table = new AffinityTable(() => []);

        table.Opened("game", s_client, "10.0.0.12:27015", TimeSpan.FromSeconds(60));

        Assert.False(table.IsShared);
        Assert.Null(table.Find("game", s_client, s_upstreams));
        Assert.False(table.TryTake(out _));
    }

    [Fact]
    public void Find_EntryOfOneOfTheRulesUpstreams_ReturnsThatUpstream()
    {
        var source = new Source { ["game/127.0.0.1:40000"] = ("10.0.0.12:27015", DateTimeOffset.UtcNow.AddMinutes(1)) };
        var table = new AffinityTable(() => []);
        table.Attach(source);

        Assert.Same(s_upstreams[1], table.Find("game", s_client, s_upstreams));
        Assert.Same(s_upstreams[1], table.Find("game", new IPEndPoint(IPAddress.Parse("::ffff:127.0.0.1"), 40000), s_upstreams));
        Assert.Null(table.Find("game", new IPEndPoint(IPAddress.Loopback, 40001), s_upstreams));
        Assert.Null(table.Find("other", s_client, s_upstreams));
    }

    [Theory]
    [InlineData("10.0.0.12:27015", -1)]
    [InlineData("10.0.0.13:27015", 60)]
    public void Find_ExpiredOrNoLongerAnUpstreamOfTheRule_FindsNothing(string upstream, int expiresInSeconds)
    {
        var source = new Source { ["game/127.0.0.1:40000"] = (upstream, DateTimeOffset.UtcNow.AddSeconds(expiresInSeconds)) };
        var table = new AffinityTable(() => []);
        table.Attach(source);

        Assert.Null(table.Find("game", s_client, s_upstreams));
    }

    [Fact]
    public void Opened_WhileShared_QueuesKeyUpstreamAndExpiry()
    {
        var table = new AffinityTable(() => []);
        table.Attach(new Source());
        var before = DateTimeOffset.UtcNow;

        table.Opened("game", s_client, "10.0.0.12:27015", TimeSpan.FromSeconds(60));

        Assert.True(table.TryTake(out var record));
        Assert.Equal("game/127.0.0.1:40000", record.Key);
        Assert.Equal("10.0.0.12:27015", record.Upstream);
        Assert.InRange(record.Expires, before.AddSeconds(60), DateTimeOffset.UtcNow.AddSeconds(60));
        Assert.False(table.TryTake(out _));
    }

    [Fact]
    public void Opened_NobodyTakesTheQueue_StopsAtTheCap()
    {
        var table = new AffinityTable(() => []);
        table.Attach(new Source());

        for (var i = 0; i < AffinityTable.MaxPending + 10; i++)
        {
            table.Opened("game", s_client, "10.0.0.12:27015", TimeSpan.FromSeconds(60));
        }

        var taken = 0;
        while (table.TryTake(out _))
        {
            taken++;
        }

        Assert.Equal(AffinityTable.MaxPending, taken);
    }

    [Fact]
    public void Detach_ByASourceAlreadyReplaced_KeepsTheNewOne()
    {
        var table = new AffinityTable(() => []);
        var old = new Source();
        var current = new Source();
        table.Attach(old);
        table.Attach(current);

        table.Detach(old);
        Assert.True(table.IsShared);
        table.Detach(current);
        Assert.False(table.IsShared);
    }

    [Fact]
    public async Task NewSession_SharedUpstream_WinsOverThePolicyAndItsOwnIsQueued()
    {
        await using var first = UdpEchoUpstream.Start();
        await using var second = UdpEchoUpstream.Start();
        await using var fixture = await NodeFixture.StartAsync(NodeFixture.UdpRule([first.EndPoint, second.EndPoint], balance: "round-robin"));
        using var shared = new UdpPeer(fixture.Listen);
        using var unknown = new UdpPeer(fixture.Listen);
        var source = new Source { [AffinityTable.Key("test", shared.LocalEndPoint)] = (second.EndPoint.ToString(), DateTimeOffset.UtcNow.AddMinutes(1)) };
        fixture.Node.Affinity.Attach(source);

        // Round-robin's first pick is the first upstream: only the entry sends this client to the second.
        Assert.NotNull(await shared.RoundTripAsync([1], TimeSpan.FromSeconds(5)));
        Assert.NotNull(await unknown.RoundTripAsync([2], TimeSpan.FromSeconds(5)));

        Assert.Equal(1, second.DatagramsReceived);
        Assert.Equal(1, first.DatagramsReceived);
        Assert.Equal(1, fixture.Node.Affinity.Hits);
        Assert.True(fixture.Node.Affinity.TryTake(out var opened));
        Assert.Equal((AffinityTable.Key("test", shared.LocalEndPoint), second.EndPoint.ToString()), (opened.Key, opened.Upstream));
        Assert.True(fixture.Node.Affinity.TryTake(out opened));
        Assert.Equal((AffinityTable.Key("test", unknown.LocalEndPoint), first.EndPoint.ToString()), (opened.Key, opened.Upstream));
    }

    [Fact]
    public async Task NewSession_SharedUpstreamDisabled_PolicyPicks()
    {
        await using var first = UdpEchoUpstream.Start();
        await using var second = UdpEchoUpstream.Start();
        await using var fixture = await NodeFixture.StartAsync(NodeFixture.UdpRule([first.EndPoint, second.EndPoint], balance: "round-robin"));
        using var peer = new UdpPeer(fixture.Listen);
        fixture.Node.Affinity.Attach(new Source { [AffinityTable.Key("test", peer.LocalEndPoint)] = (second.EndPoint.ToString(), DateTimeOffset.UtcNow.AddMinutes(1)) });
        fixture.Rule.Upstreams[1].AdminState = UpstreamAdminState.Disabled;

        Assert.NotNull(await peer.RoundTripAsync([1], TimeSpan.FromSeconds(5)));

        Assert.Equal(1, first.DatagramsReceived);
        Assert.Equal(0, fixture.Node.Affinity.Hits);
    }

    [Fact]
    public async Task NewSession_NodeAffinity_NeitherLooksUpNorShares()
    {
        await using var first = UdpEchoUpstream.Start();
        await using var second = UdpEchoUpstream.Start();
        var rule = NodeFixture.UdpRule([first.EndPoint, second.EndPoint], new SessionConfig { Affinity = SessionAffinity.Node });
        await using var fixture = await NodeFixture.StartAsync(rule);
        using var peer = new UdpPeer(fixture.Listen);
        fixture.Node.Affinity.Attach(new Source { [AffinityTable.Key("test", peer.LocalEndPoint)] = (second.EndPoint.ToString(), DateTimeOffset.UtcNow.AddMinutes(1)) });

        Assert.NotNull(await peer.RoundTripAsync([1], TimeSpan.FromSeconds(5)));

        Assert.Equal(1, first.DatagramsReceived);
        Assert.False(fixture.Node.Affinity.TryTake(out _));
    }

    [Fact]
    public async Task CollectRefreshes_LiveSession_OnceEveryHalfIdleTimeout_WithItsLastTrafficPlusTheIdleTimeout()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var fixture = await NodeFixture.StartAsync(NodeFixture.UdpRule([echo.EndPoint], new SessionConfig { IdleTimeout = TimeSpan.FromMinutes(10) }));
        using var peer = new UdpPeer(fixture.Listen);
        Assert.NotNull(await peer.RoundTripAsync([1], TimeSpan.FromSeconds(5)));
        var table = fixture.Node.Affinity;
        var due = new List<AffinityRecord>();
        var now = DateTimeOffset.UtcNow.AddMinutes(1);

        table.CollectRefreshes(now, due);
        table.CollectRefreshes(now.AddMinutes(4), due);
        Assert.Empty(due);

        table.CollectRefreshes(now.AddMinutes(5), due);
        var refreshed = Assert.Single(due);
        Assert.Equal(AffinityTable.Key("test", peer.LocalEndPoint), refreshed.Key);
        Assert.Equal(echo.EndPoint.ToString(), refreshed.Upstream);
        Assert.InRange(refreshed.Expires, now.AddMinutes(14), now.AddMinutes(15));

        table.CollectRefreshes(now.AddMinutes(9), due);
        Assert.Single(due);
    }

    private sealed class Source : Dictionary<string, (string Upstream, DateTimeOffset Expires)>, IAffinitySource
    {
        int IAffinitySource.Count => Count;

        public bool TryFind(string key, out string upstream, out DateTimeOffset expires)
        {
            var found = TryGetValue(key, out var entry);
            (upstream, expires) = found ? entry : ("", default);
            return found;
        }
    }
}
