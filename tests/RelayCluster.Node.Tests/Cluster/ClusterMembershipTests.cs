using RelayCluster.Testing.Cluster;
using System.Diagnostics;
using RelayCluster.Node.Cluster;
using RelayCluster.Node.Hosting;
using RelayCluster.Testing.Upstreams;
using Xunit.Abstractions;

namespace RelayCluster.Node.Tests.Cluster;

public class ClusterMembershipTests(EtcdFixture etcd, ITestOutputHelper output) : IClassFixture<EtcdFixture>
{
    private static string Rule(string name, string upstream, int max = 1000) =>
        $$"""{{name}} { protocol = udp, listen = "0.0.0.0:0", upstreams = ["{{upstream}}"], session { max = {{max}} } }""";

    private static bool AllUp(NodeHost node, int count) =>
        node.Backplane.View.Members.Count(member => member.Status == MemberStatus.Up && member.Reachable) == count;

    [Fact]
    public async Task ThreeNodes_Started_SeeEachOtherUpWithinThreeSeconds()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var cluster = new ClusterFixture([etcd.Server.ClientUrl]);
        var started = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            await cluster.StartNodeAsync(Rule("game", echo.EndPoint.ToString()));
        }

        await Eventually.TrueAsync(() => Enumerable.Range(0, 3).All(i => AllUp(cluster[i], 3)), "every node to see three members up", TimeSpan.FromSeconds(3));
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
    public async Task RuleChange_OnOneNode_AppliedOnTheOthersWithinOneSecond()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var cluster = new ClusterFixture([etcd.Server.ClientUrl]);
        for (var i = 0; i < 3; i++)
        {
            await cluster.StartNodeAsync(Rule("game", echo.EndPoint.ToString()));
        }

        var delays = new List<double>();
        for (var change = 1; change <= 20; change++)
        {
            var max = 1000 + change;
            var writer = cluster[change % 3];
            var clock = Stopwatch.StartNew();
            var result = await writer.Cluster.PutRuleAsync("game", Rule("game", echo.EndPoint.ToString(), max).Split(' ', 2)[1], null, false, CancellationToken.None);
            Assert.Empty(result.Errors);
            var waits = Enumerable.Range(0, 3).Where(i => i != change % 3).Select(async i =>
            {
                await Eventually.TrueAsync(() => cluster[i].Node.Rule("game").Runtime.Config.Session.Max == max, $"node-{i} to apply change {change}", TimeSpan.FromSeconds(5));
                return clock.Elapsed.TotalMilliseconds;
            });
            delays.AddRange(await Task.WhenAll(waits));
        }

        delays.Sort();
        output.WriteLine($"rule change applied on the other nodes, 40 observations over 20 changes (ms): " +
            $"min {delays[0]:0.0}, p50 {delays[delays.Count / 2]:0.0}, p90 {delays[(int)(delays.Count * 0.9)]:0.0}, max {delays[^1]:0.0}");
        output.WriteLine("all: " + string.Join(", ", delays.Select(delay => delay.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.True(delays[^1] < 1000, $"slowest apply took {delays[^1]:0} ms");
    }

    [Fact]
    public async Task NodeKilledWithoutLeaving_UnreachableWithinFailureTimeoutPlusOneSecondAndItsSessionsStopCounting()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var cluster = new ClusterFixture([etcd.Server.ClientUrl]);
        for (var i = 0; i < 3; i++)
        {
            await cluster.StartNodeAsync(Rule("game", echo.EndPoint.ToString()));
        }

        await Eventually.TrueAsync(() => AllUp(cluster[0], 3), "three members up");
        using var peer = new UdpPeer(cluster[2].Node.Rule("game").Listener.LocalEndPoint);
        Assert.NotNull(await peer.RoundTripAsync([1], TimeSpan.FromSeconds(5)));
        var upstream = cluster[0].Node.Rule("game").Runtime.Upstreams[0];
        await Eventually.TrueAsync(() => upstream.ClusterSessions == 1, "node-0 to count node-2's session");

        var clock = Stopwatch.StartNew();
        await cluster.KillAsync(2);
        await Eventually.TrueAsync(
            () => cluster[0].Backplane.View.Members.Any(member => member.Id == "node-2" && !member.Reachable)
                && cluster[1].Backplane.View.Members.Any(member => member.Id == "node-2" && !member.Reachable),
            "node-2 to be unreachable on both others",
            ClusterFixture.FailureTimeout + TimeSpan.FromSeconds(1));
        output.WriteLine($"node-2 unreachable on both others after {clock.ElapsedMilliseconds} ms (failure-timeout {ClusterFixture.FailureTimeout.TotalMilliseconds} ms)");
        await Eventually.TrueAsync(() => upstream.ClusterSessions == 0, "node-2's session to stop counting", TimeSpan.FromSeconds(1));
        Assert.DoesNotContain("node-2", cluster[0].Backplane.View.Stats.Keys);
        await Eventually.TrueAsync(() => cluster[0].Backplane.View.Members.All(member => member.Id != "node-2"), "node-2 to be removed", ClusterFixture.FailureTimeout * 2);
    }

    [Fact]
    public async Task NodeLeaves_OthersSeeLeavingExitingThenRemoved()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var cluster = new ClusterFixture([etcd.Server.ClientUrl]);
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
        await using var cluster = new ClusterFixture([etcd.Server.ClientUrl]);
        await cluster.StartNodeAsync(Rule("game", echo.EndPoint.ToString()));
        await cluster.StartNodeAsync(Rule("game", echo.EndPoint.ToString()));
        await Eventually.TrueAsync(() => AllUp(cluster[0], 2), "two members up");

        Assert.True(await cluster[0].Cluster.DownAsync("node-1", CancellationToken.None));

        await cluster[1].Cluster.Downed.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(cluster[1].Cluster.Ready);
        using var peer = new UdpPeer(cluster[1].Node.Rule("game").Listener.LocalEndPoint);
        Assert.Null(await peer.RoundTripAsync([1], TimeSpan.FromMilliseconds(300)));
        Assert.False(await cluster[0].Cluster.DownAsync("no-such-node", CancellationToken.None));
        await Eventually.TrueAsync(() => cluster[0].Backplane.View.Members.Any(member => member.Id == "node-1" && member.Status == MemberStatus.Down), "node-0 to see node-1 down");
    }
}
