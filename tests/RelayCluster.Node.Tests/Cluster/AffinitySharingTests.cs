using System.Diagnostics;
using RelayCluster.Node.Affinity;
using RelayCluster.Testing.Cluster;
using RelayCluster.Testing.Upstreams;
using Xunit.Abstractions;

namespace RelayCluster.Node.Tests.Cluster;

/// <summary><c>session.affinity = cluster</c> between two in-process nodes on the Akka backplane.</summary>
public class AffinitySharingTests(ITestOutputHelper output)
{
    /// <summary>
    /// A session on node-0 with a one-second idle timeout: its entry reaches node-1, outlives its first expiry while the
    /// client keeps sending (refreshed), lapses once the session has been idle for its timeout, and is then removed.
    /// </summary>
    [Fact]
    public async Task Session_EntryReachesTheOtherNode_RefreshedWhileLive_GoneAfterItsIdleTimeout()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var cluster = new ClusterFixture();
        var rule = $$"""game { protocol = udp, listen = "0.0.0.0:0", upstreams = ["{{echo.EndPoint}}"], session { idle-timeout = 1s } }""";
        await cluster.StartNodeAsync(rule);
        await cluster.StartNodeAsync(rule);
        await Eventually.TrueAsync(() => cluster[0].Backplane.View.Members.Count == 2 && cluster[1].Backplane.View.Members.Count == 2, "two members", TimeSpan.FromSeconds(30));
        var other = cluster[1].Node;
        using var peer = new UdpPeer(cluster[0].Node.Rule("game").Listener.LocalEndPoint);
        Assert.NotNull(await peer.RoundTripAsync([1], TimeSpan.FromSeconds(5)));
        var clock = Stopwatch.StartNew();

        bool Shared() => other.Affinity.Find("game", peer.LocalEndPoint, other.Rule("game").Upstreams) is not null;
        await Eventually.TrueAsync(Shared, "the entry on node-1", TimeSpan.FromSeconds(20));
        output.WriteLine($"entry on node-1 {clock.ElapsedMilliseconds} ms after the session opened");

        // Three idle timeouts of traffic: the entry written at the opening expired long ago, so only refreshes keep it.
        var live = Stopwatch.StartNew();
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (live.Elapsed < TimeSpan.FromSeconds(3) && await pace.WaitForNextTickAsync())
        {
            Assert.NotNull(await peer.RoundTripAsync([2], TimeSpan.FromSeconds(5)));
        }

        await Eventually.TrueAsync(Shared, "the refreshed entry on node-1", TimeSpan.FromSeconds(5));
        clock.Restart();
        await Eventually.TrueAsync(() => !Shared(), "the entry to lapse on node-1", TimeSpan.FromSeconds(20));
        output.WriteLine($"entry lapsed on node-1 {clock.ElapsedMilliseconds} ms after the last datagram");
        await Eventually.TrueAsync(() => other.Affinity.Count == 0 && cluster[0].Node.Affinity.Count == 0, "the entry removed on both nodes", TimeSpan.FromSeconds(60));
        output.WriteLine($"entry removed on both nodes {clock.ElapsedMilliseconds} ms after the last datagram");
    }
}
