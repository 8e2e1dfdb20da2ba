using RelayCluster.Testing.Cluster;
using System.Diagnostics;
using RelayCluster.Node.Cluster;
using RelayCluster.Node.Hosting;
using RelayCluster.Testing.Upstreams;
using Xunit.Abstractions;

namespace RelayCluster.Node.Tests.Cluster;

public class ClusterMembershipTests(ITestOutputHelper output)
{
    private static string Rule(string name, string upstream, int max = 1000) =>
        $$"""{{name}} { protocol = udp, listen = "0.0.0.0:0", upstreams = ["{{upstream}}"], session { max = {{max}} } }""";

    private static bool AllUp(NodeHost node, int count) =>
        node.Backplane.View.Members.Count(member => member.Status == MemberStatus.Up && member.Reachable) == count;

    [Fact]
    public async Task ThreeNodes_Started_SeeEachOtherUpWithinTenSecondsAndRelay()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var cluster = new ClusterFixture();
        var started = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            await cluster.StartNodeAsync(Rule("game", echo.EndPoint.ToString()));
        }

        await Eventually.TrueAsync(() => Enumerable.Range(0, 3).All(i => AllUp(cluster[i], 3)), "every node to see three members up", TimeSpan.FromSeconds(10));
        output.WriteLine($"three nodes up on every node {started.ElapsedMilliseconds} ms after the first started");
        for (var i = 0; i < 3; i++)
        {
            var node = cluster[i];
            Assert.Equal(new[] { "node-0", "node-1", "node-2" }, node.Backplane.View.Members.Select(member => member.Id));
            using var peer = new UdpPeer(node.Node.Rule("game").Listener.LocalEndPoint);
            Assert.Equal($"127.0.0.{i + 1}", node.Node.Rule("game").Listener.LocalEndPoint.Address.ToString());
            Assert.NotNull(await peer.RoundTripAsync([1], TimeSpan.FromSeconds(5)));
        }
    }

    [Fact]
    public async Task NodeLeaves_OthersSeeLeavingExitingThenRemoved()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var cluster = new ClusterFixture();
        await cluster.StartNodeAsync(Rule("game", echo.EndPoint.ToString()));
        await cluster.StartNodeAsync(Rule("game", echo.EndPoint.ToString()));
        await Eventually.TrueAsync(() => AllUp(cluster[0], 2), "two members up");
        var events = new List<MemberEvent>();
        using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watch = Task.Run(async () =>
        {
            await foreach (var change in cluster[0].Cluster.Events.SubscribeAsync(watching.Token))
            {
                lock (events)
                {
                    events.Add(change);
                }

                if (change.Kind == "removed")
                {
                    return;
                }
            }
        });

        await Eventually.TrueAsync(() => cluster[0].Cluster.Events.SubscriberCount == 1, "the watch to subscribe");
        await cluster.LeaveAsync(1);
        await watch;

        var seen = events.Where(change => change.Member.Id == "node-1").Select(change => change.Member.Status).ToList();
        Assert.Equal([MemberStatus.Leaving, MemberStatus.Exiting, MemberStatus.Removed], seen.Distinct());
        Assert.All(events, change => Assert.True(change.Member.Reachable));
    }

    [Fact]
    public async Task MemberDowned_StopsTakingSessionsAndSignalsItsExit()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var cluster = new ClusterFixture();
        for (var i = 0; i < 3; i++)
        {
            await cluster.StartNodeAsync(Rule("game", echo.EndPoint.ToString()));
        }

        await Eventually.TrueAsync(() => AllUp(cluster[0], 3), "three members up", TimeSpan.FromSeconds(15));

        Assert.True(await cluster[0].Cluster.DownAsync("node-2", CancellationToken.None));

        await cluster[2].Cluster.Downed.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.False(cluster[2].Cluster.Ready);
        using var peer = new UdpPeer(cluster[2].Node.Rule("game").Listener.LocalEndPoint);
        Assert.Null(await peer.RoundTripAsync([1], TimeSpan.FromMilliseconds(300)));
        Assert.False(await cluster[0].Cluster.DownAsync("no-such-node", CancellationToken.None));
        await Eventually.TrueAsync(() => cluster[0].Backplane.View.Members.Any(member => member.Id == "node-2" && member.Status == MemberStatus.Down), "node-0 to see node-2 down");
    }
}
