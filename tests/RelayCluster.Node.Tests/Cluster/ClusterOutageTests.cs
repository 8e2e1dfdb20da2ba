using RelayCluster.Testing.Cluster;
using System.Diagnostics;
using RelayCluster.Node.Cluster;
using RelayCluster.Node.Hosting;
using RelayCluster.Node.Cluster.AkkaCluster;
using RelayCluster.Testing.Upstreams;
using Xunit.Abstractions;

namespace RelayCluster.Node.Tests.Cluster;

public class ClusterOutageTests(ITestOutputHelper output)
{
    private static string Rule(string upstreams, int max = 1000) =>
        $$"""{ protocol = udp, listen = "0.0.0.0:0", upstreams = [{{upstreams}}], session { max = {{max}} } }""";

    /// <summary>
    /// Node-2's cluster side is downed under load, as the split-brain resolver downs the far side of a partition: its
    /// cluster system stops while its relay goes on. It reports the cluster disconnected, keeps relaying with the rules
    /// it had, joins again with a new cluster system, and then applies a rule change written while it was away.
    /// </summary>
    [Fact]
    public async Task ClusterSideDownedUnderUdpLoad_NodeKeepsRelayingReportsDisconnectedAndRejoinsWithTheRulesChangedMeanwhile()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var cluster = new ClusterFixture();
        for (var i = 0; i < 3; i++)
        {
            await cluster.StartNodeAsync($"game {Rule($"\"{echo.EndPoint}\"")}");
        }

        var nodes = Enumerable.Range(0, 3).Select(i => cluster[i]).ToList();
        await Eventually.TrueAsync(() => nodes.All(node => UpCount(node) == 3), "three members up on every node", TimeSpan.FromSeconds(15));
        await using var load = new UdpLoad(nodes.SelectMany(node => Enumerable.Repeat(node.Node.Rule("game").Listener.LocalEndPoint, 4)));
        await Eventually.TrueAsync(() => nodes.All(node => node.Node.ActiveSessions == 4), "12 sessions, 4 per node");
        var baseline = await MeasureAsync(load, TimeSpan.FromSeconds(2));
        var downed = (AkkaBackplane)nodes[2].Backplane;
        var address = downed.Incarnation!.Cluster.SelfAddress;

        var start = await load.SettleAsync();
        var outage = Stopwatch.StartNew();
        ((AkkaBackplane)nodes[0].Backplane).Incarnation!.Cluster.Down(address);
        await Eventually.TrueAsync(() => !downed.View.Connected, "node-2 to report the cluster disconnected", TimeSpan.FromSeconds(5));
        var disconnectedAfter = outage.Elapsed;
        var change = await nodes[0].Cluster.PutRuleAsync("game", Rule($"\"{echo.EndPoint}\"", max: 1234), null, false, CancellationToken.None);
        Assert.Equal(RuleWriteOutcome.Written, change.Outcome);
        await Eventually.TrueAsync(() => downed.View.Connected && nodes.All(node => UpCount(node) == 3), "node-2 back and three members up everywhere", TimeSpan.FromSeconds(20));
        var rejoinedAfter = outage.Elapsed;
        await Eventually.TrueAsync(() => nodes.All(node => node.Node.Rule("game").Config.Session.Max == 1234), "the change written while node-2 was away to apply on it", TimeSpan.FromSeconds(5));
        var end = await load.SettleAsync();

        output.WriteLine($"baseline: {baseline.Sent} sent, {baseline.Lost} lost; node-2 disconnected after {disconnectedAfter.TotalMilliseconds:0} ms, " +
            $"back after {rejoinedAfter.TotalMilliseconds:0} ms (incarnation {downed.Incarnations}); meanwhile {end.Lost - start.Lost} lost of {end.Sent - start.Sent}");
        Assert.True(downed.Incarnations >= 2, "node-2 rejoined with a new cluster system");
        AssertNothingDropped(nodes, baseline, (end.Sent - start.Sent, end.Lost - start.Lost, outage.Elapsed));
    }

    private static int UpCount(NodeHost node) => node.Backplane.View.Members.Count(member => member.Status == MemberStatus.Up && member.Reachable);

    private static async Task<(long Sent, long Lost)> MeasureAsync(UdpLoad load, TimeSpan duration)
    {
        var start = await load.SettleAsync();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await Task.Delay(50);
        }

        var end = await load.SettleAsync();
        return (end.Sent - start.Sent, end.Lost - start.Lost);
    }

    private static void AssertNothingDropped(IReadOnlyList<NodeHost> nodes, (long Sent, long Lost) baseline, (long Sent, long Lost, TimeSpan Elapsed) outage)
    {
        Assert.All(nodes, node => Assert.Equal(4, node.Node.Rule("game").Counters.SessionsOpened));
        Assert.All(nodes, node => Assert.Empty(node.Node.Rule("game").Counters.SessionsClosed));
        Assert.True(outage.Lost <= Math.Max(0, baseline.Lost) * 5, $"{outage.Lost} datagrams lost during the outage");
    }
}
