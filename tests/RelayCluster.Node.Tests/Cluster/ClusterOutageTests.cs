using RelayCluster.Testing.Cluster;
using System.Diagnostics;
using RelayCluster.Node.Cluster;
using RelayCluster.Node.Hosting;
using RelayCluster.Testing.Etcd;
using RelayCluster.Testing.Upstreams;
using Xunit.Abstractions;

namespace RelayCluster.Node.Tests.Cluster;

public class ClusterOutageTests(ITestOutputHelper output)
{
    private static string Rule(string upstreams, int max = 1000) =>
        $$"""{ protocol = udp, listen = "0.0.0.0:0", upstreams = [{{upstreams}}], session { max = {{max}} } }""";

    [Fact]
    public async Task EtcdStoppedTenSecondsUnderUdpLoad_NoSessionDroppedNoDatagramLostAndNodesCatchUp()
    {
        await using var etcd = await EtcdCluster.StartNewAsync(3);
        await using var echo = UdpEchoUpstream.Start();
        await using var cluster = new ClusterFixture([etcd.Member(0).ClientUrl]);
        for (var i = 0; i < 3; i++)
        {
            await cluster.StartNodeAsync($"game {Rule($"\"{echo.EndPoint}\"")}");
        }

        var nodes = Enumerable.Range(0, 3).Select(i => cluster[i]).ToList();
        await using var load = new UdpLoad(nodes.SelectMany(node => Enumerable.Repeat(node.Node.Rule("game").Listener.LocalEndPoint, 4)));
        await Eventually.TrueAsync(() => nodes.All(node => node.Node.ActiveSessions == 4), "12 sessions, 4 per node");
        var baseline = await MeasureAsync(load, TimeSpan.FromSeconds(2));

        var outage = await OutageAsync(load, nodes, () => etcd.Member(0).StopAsync(), async () =>
        {
            using var other = new RelayCluster.Etcd.EtcdClient(etcd.Member(1).ClientUrl, etcd.Member(2).ClientUrl);
            var stored = Assert.Single(nodes[0].Backplane.View.Rules).Value;
            var changed = stored.Json.Replace("\"max\":1000", "\"max\":1234", StringComparison.Ordinal);
            Assert.NotEqual(stored.Json, changed);
            Assert.True((await other.PutAsync($"/relay-test/{cluster.ClusterName}/rules/game", changed)).IsSuccess);
        });
        await etcd.Member(0).StartAsync();
        await Eventually.TrueAsync(() => nodes.All(node => node.Backplane.View.Connected), "every node to reconnect", TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => nodes.All(node => node.Node.Rule("game").Runtime.Config.Session.Max == 1234), "the change written during the outage to apply", TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(() => nodes.All(node => node.Backplane.View.Members.Count(member => member.Status == MemberStatus.Up && member.Reachable) == 3), "three members up again", TimeSpan.FromSeconds(10));

        output.WriteLine($"baseline: {baseline.Sent} sent, {baseline.Lost} lost; etcd member stopped {outage.Elapsed.TotalSeconds:0.0} s: {outage.Lost} lost of {outage.Sent}");
        AssertNothingDropped(nodes, baseline, outage);
    }

    [Fact]
    public async Task OnlyEtcdMemberStoppedTenSecondsUnderUdpLoad_NoSessionDroppedAndNodesReRegisterAndRepublish()
    {
        await using var etcd = await EtcdServer.StartNewAsync();
        await using var echo = UdpEchoUpstream.Start();
        await using var cluster = new ClusterFixture([etcd.ClientUrl]);
        for (var i = 0; i < 3; i++)
        {
            await cluster.StartNodeAsync($"game {Rule($"\"{echo.EndPoint}\"")}");
        }

        var nodes = Enumerable.Range(0, 3).Select(i => cluster[i]).ToList();
        await using var load = new UdpLoad(nodes.SelectMany(node => Enumerable.Repeat(node.Node.Rule("game").Listener.LocalEndPoint, 4)));
        await Eventually.TrueAsync(() => nodes.All(node => node.Node.ActiveSessions == 4), "12 sessions, 4 per node");
        var baseline = await MeasureAsync(load, TimeSpan.FromSeconds(2));

        var outage = await OutageAsync(load, nodes, () => etcd.StopAsync(), () => Task.CompletedTask);
        var restarted = DateTimeOffset.UtcNow;
        await etcd.StartAsync();
        await Eventually.TrueAsync(() => nodes.All(node => node.Backplane.View.Connected), "every node to reconnect", TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(
            () => nodes.All(node => node.Backplane.View.Members.Count(member => member.Status == MemberStatus.Up && member.Reachable) == 3),
            "three members up again", TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(
            () => nodes.All(node => node.Backplane.View.Stats.Count == 3 && node.Backplane.View.Stats.Values.All(stats => stats.At > restarted && stats.Rules.Sum(rule => rule.Sessions) == 4)),
            "every node to see the others' stats republished", TimeSpan.FromSeconds(10));
        var change = await nodes[2].Cluster.PutRuleAsync("game", Rule($"\"{echo.EndPoint}\"", max: 1234), null, false, CancellationToken.None);
        Assert.Equal(RuleWriteOutcome.Written, change.Outcome);
        await Eventually.TrueAsync(() => nodes.All(node => node.Node.Rule("game").Runtime.Config.Session.Max == 1234), "a change after the outage to apply", TimeSpan.FromSeconds(5));

        output.WriteLine($"baseline: {baseline.Sent} sent, {baseline.Lost} lost; only etcd stopped {outage.Elapsed.TotalSeconds:0.0} s: {outage.Lost} lost of {outage.Sent}");
        AssertNothingDropped(nodes, baseline, outage);
    }

    [Fact]
    public async Task ThreeMemberEtcdWithOneKilled_RelayingAndRuleChangesGoOn()
    {
        await using var etcd = await EtcdCluster.StartNewAsync(3);
        await using var first = UdpEchoUpstream.Start();
        await using var second = UdpEchoUpstream.Start();
        await using var cluster = new ClusterFixture(etcd.ClientUrls);
        for (var i = 0; i < 3; i++)
        {
            await cluster.StartNodeAsync($"game {Rule($"\"{first.EndPoint}\"")}");
        }

        var nodes = Enumerable.Range(0, 3).Select(i => cluster[i]).ToList();
        await using var load = new UdpLoad(nodes.Select(node => node.Node.Rule("game").Listener.LocalEndPoint));

        await etcd.Member(0).KillAsync();
        var result = await nodes[1].Cluster.PutRuleAsync("game", Rule($"\"{first.EndPoint}\", \"{second.EndPoint}\""), null, false, CancellationToken.None);

        Assert.Equal(RuleWriteOutcome.Written, result.Outcome);
        await Eventually.TrueAsync(() => nodes.All(node => node.Node.Rule("game").Runtime.Upstreams.Count == 2), "every node to apply the change", TimeSpan.FromSeconds(5));
        using var newcomer = new UdpPeer(nodes[2].Node.Rule("game").Listener.LocalEndPoint);
        Assert.NotNull(await newcomer.RoundTripAsync([9], TimeSpan.FromSeconds(5)));
        var (sent, lost) = await load.SettleAsync();
        output.WriteLine($"with one etcd member killed: {sent} sent, {lost} lost");
        Assert.Equal(0, lost);
        Assert.All(nodes, node => Assert.True(node.Backplane.View.Connected));
    }

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

    /// <summary>Stops etcd under load, waits for every node to show it disconnected, runs <paramref name="during"/>, and keeps it away for ten seconds.</summary>
    private static async Task<(long Sent, long Lost, TimeSpan Elapsed)> OutageAsync(UdpLoad load, IReadOnlyList<NodeHost> nodes, Func<Task> stop, Func<Task> during)
    {
        var start = await load.SettleAsync();
        var outage = Stopwatch.StartNew();
        await stop();
        await Eventually.TrueAsync(() => nodes.All(node => !node.Backplane.View.Connected), "every node to show the backplane disconnected", TimeSpan.FromSeconds(5));
        await during();
        while (outage.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
        }

        var end = await load.SettleAsync();
        return (end.Sent - start.Sent, end.Lost - start.Lost, outage.Elapsed);
    }

    private static void AssertNothingDropped(IReadOnlyList<NodeHost> nodes, (long Sent, long Lost) baseline, (long Sent, long Lost, TimeSpan Elapsed) outage)
    {
        Assert.All(nodes, node => Assert.Equal(4, node.Node.Rule("game").Runtime.Counters.SessionsOpened));
        Assert.All(nodes, node => Assert.Empty(node.Node.Rule("game").Runtime.Counters.SessionsClosed));
        Assert.True(outage.Lost <= Math.Max(0, baseline.Lost) * 5, $"{outage.Lost} datagrams lost during the outage");
    }
}
