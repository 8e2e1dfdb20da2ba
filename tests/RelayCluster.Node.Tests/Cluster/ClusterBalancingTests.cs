using RelayCluster.Testing.Cluster;
using RelayCluster.Node.Cluster;
using RelayCluster.Testing.Upstreams;
using Xunit.Abstractions;

namespace RelayCluster.Node.Tests.Cluster;

public class ClusterBalancingTests(ITestOutputHelper output)
{
    /// <summary>
    /// 90 sessions sit on the first upstream of node-0 (the rule had only that upstream when they came); then the rule
    /// gains two upstreams and 210 sessions arrive at node-1 and node-2. Counting only their own sessions, those nodes
    /// would split them evenly and leave the first upstream with 160; counting the cluster, they fill the two new ones.
    /// </summary>
    [Fact]
    public async Task LeastSessionsClusterScope_SessionsArrivingAtDifferentNodes_SpreadEvenlyOverTheUpstreams()
    {
        await using var first = UdpEchoUpstream.Start();
        await using var second = UdpEchoUpstream.Start();
        await using var third = UdpEchoUpstream.Start();
        await using var cluster = new ClusterFixture();
        string Rule(params UdpEchoUpstream[] upstreams) =>
            $$"""{ protocol = udp, listen = "0.0.0.0:0", balance = least-sessions, load-scope = cluster, session { max-per-client-ip = 1000 }, upstreams = [{{string.Join(", ", upstreams.Select(u => $"\"{u.EndPoint}\""))}}] }""";
        for (var i = 0; i < 3; i++)
        {
            await cluster.StartNodeAsync($"game {Rule(first)}");
        }

        var peers = new List<UdpPeer>();
        await OpenSessionsAsync(peers, cluster[0], 90);
        await cluster[0].Cluster.PutRuleAsync("game", Rule(first, second, third), null, false, CancellationToken.None);
        await Eventually.TrueAsync(() => Enumerable.Range(0, 3).All(i => cluster[i].Node.Rule("game").Upstreams.Count == 3), "three upstreams everywhere");
        await Eventually.TrueAsync(
            () => cluster[1].Node.Rule("game").Upstreams[0].ClusterSessions == 90 && cluster[2].Node.Rule("game").Upstreams[0].ClusterSessions == 90,
            "node-1 and node-2 to count node-0's sessions");

        await OpenSessionsAsync(peers, cluster[1], 105);
        await OpenSessionsAsync(peers, cluster[2], 105);

        var counts = new[] { first, second, third }.Select(upstream => (long)upstream.Peers.Count).ToArray();
        output.WriteLine($"sessions per upstream over the cluster: {string.Join(" / ", counts)}");
        Assert.Equal(300, counts.Sum());
        Assert.True(counts.Max() <= 1.2 * counts.Min(), $"max/min = {(double)counts.Max() / counts.Min():0.00}");
        peers.ForEach(peer => peer.Dispose());
    }

    private static async Task OpenSessionsAsync(List<UdpPeer> peers, RelayCluster.Node.Hosting.NodeHost node, int count)
    {
        var listen = node.Node.Rule("game").Listener.LocalEndPoint;
        for (var i = 0; i < count; i++)
        {
            var peer = new UdpPeer(listen);
            peers.Add(peer);
            Assert.NotNull(await peer.RoundTripAsync([1], TimeSpan.FromSeconds(5)));
        }
    }
}
