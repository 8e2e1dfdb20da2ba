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
        var (baselineSent, baselineReceived) = await MeasureAsync(load, TimeSpan.FromSeconds(2));

        var outage = Stopwatch.StartNew();
        await etcd.Member(0).StopAsync();
        await Eventually.TrueAsync(() => nodes.All(node => !node.Backplane.View.Connected), "every node to show the backplane disconnected", TimeSpan.FromSeconds(5));
        using (var other = new RelayCluster.Etcd.EtcdClient(etcd.Member(1).ClientUrl, etcd.Member(2).ClientUrl))
        {
            var stored = Assert.Single(nodes[0].Backplane.View.Rules).Value;
            var changed = stored.Json.Replace("\"max\":1000", "\"max\":1234", StringComparison.Ordinal);
            Assert.NotEqual(stored.Json, changed);
            Assert.True((await other.PutAsync($"/relay-test/{cluster.ClusterName}/rules/game", changed)).IsSuccess);
        }

        var before = load.Sent - load.Received;
        while (outage.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
        }

        var (sent, received) = await load.SettleAsync();
        var lostDuringOutage = sent - received - before;
        await etcd.Member(0).StartAsync();
        await Eventually.TrueAsync(() => nodes.All(node => node.Backplane.View.Connected), "every node to reconnect", TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => nodes.All(node => node.Node.Rule("game").Runtime.Config.Session.Max == 1234), "the change written during the outage to apply", TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(() => nodes.All(node => node.Backplane.View.Members.Count(member => member.Status == MemberStatus.Up && member.Reachable) == 3), "three members up again", TimeSpan.FromSeconds(10));

        output.WriteLine($"baseline: {baselineSent} sent, {baselineSent - baselineReceived} lost; outage of {outage.Elapsed.TotalSeconds:0.0} s: {lostDuringOutage} lost of {sent}");
        Assert.All(nodes, node => Assert.Equal(4, node.Node.Rule("game").Runtime.Counters.SessionsOpened));
        Assert.All(nodes, node => Assert.Empty(node.Node.Rule("game").Runtime.Counters.SessionsClosed));
        Assert.True(lostDuringOutage <= Math.Max(0, baselineSent - baselineReceived) * 5, $"{lostDuringOutage} datagrams lost during the outage");
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
        var (sent, received) = await load.SettleAsync();
        output.WriteLine($"with one etcd member killed: {sent} sent, {sent - received} lost");
        Assert.Equal(sent, received);
        Assert.All(nodes, node => Assert.True(node.Backplane.View.Connected));
    }

    private static async Task<(long Sent, long Received)> MeasureAsync(UdpLoad load, TimeSpan duration)
    {
        var (sent0, received0) = await load.SettleAsync();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await Task.Delay(50);
        }

        var (sent1, received1) = await load.SettleAsync();
        return (sent1 - sent0, received1 - received0);
    }
}
