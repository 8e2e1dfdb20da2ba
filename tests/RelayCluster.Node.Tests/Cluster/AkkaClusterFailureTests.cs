using System.Diagnostics;
using Xunit.Abstractions;

namespace RelayCluster.Node.Tests.Cluster;

/// <summary>Failures of real relay-node processes on the Akka backplane: kill -9, freeze, operator down.</summary>
public class AkkaClusterFailureTests(ITestOutputHelper output)
{
    private const int SigKill = 9;
    private const int SigStop = 19;
    private const int SigCont = 18;
    private static readonly string[] s_all = ["node-0", "node-1", "node-2"];

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {timeout} waiting for: {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>Sends until a reply comes back (the rule may still be starting on that node).</summary>
    private static async Task<bool> RoundTripAsync(UdpPeer peer, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            peer.Send([1]);
            if (await peer.ReceiveAsync(TimeSpan.FromMilliseconds(250)) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<long> ClusterSessionsAsync(ClusterNode node) =>
        (await node.UpstreamsAsync())?.Upstreams.Single().ClusterSessions ?? -1;

    [Fact]
    public async Task NodeKilled_UnreachableThenRemovedAndItsSessionsStopCounting_ThenFrozenNodeComesBackWithoutRestart()
    {
        await using var cluster = await ProcessCluster.StartAsync(3);
        await WaitAsync(async () => (await Task.WhenAll(cluster.Nodes.Select(node => ProcessCluster.SeesUpAsync(node, s_all)))).All(up => up), "three up", TimeSpan.FromSeconds(30));

        using (var peer = new UdpPeer(cluster[2].GameEndPoint(cluster.UdpPort), cluster[2].Address))
        {
            Assert.True(await RoundTripAsync(peer, TimeSpan.FromSeconds(10)));
        }

        await WaitAsync(async () => await ClusterSessionsAsync(cluster[0]) == 1, "node-0 to count node-2's session", TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();
        cluster[2].Process!.Signal(SigKill);
        await WaitAsync(
            async () => (await cluster[0].MemberAsync("node-2"))?.Reachability == "unreachable" && (await cluster[1].MemberAsync("node-2"))?.Reachability == "unreachable",
            "node-2 unreachable on both others",
            TimeSpan.FromSeconds(5));
        output.WriteLine($"kill -9: unreachable on both others after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(0, await ClusterSessionsAsync(cluster[0]));
        await WaitAsync(async () => await cluster[0].MemberAsync("node-2") is null && await cluster[1].MemberAsync("node-2") is null, "node-2 removed", TimeSpan.FromSeconds(20));
        output.WriteLine($"kill -9: removed on both others after {clock.ElapsedMilliseconds} ms");

        await cluster.RestartAsync(2);
        await WaitAsync(async () => (await Task.WhenAll(cluster.Nodes.Select(node => ProcessCluster.SeesUpAsync(node, s_all)))).All(up => up), "node-2 back up", TimeSpan.FromSeconds(30));

        using var frozenPeer = new UdpPeer(cluster[1].GameEndPoint(cluster.UdpPort), cluster[1].Address);
        Assert.True(await RoundTripAsync(frozenPeer, TimeSpan.FromSeconds(10)));
        cluster[1].Process!.Signal(SigStop);
        await Task.Delay(TimeSpan.FromSeconds(25));
        cluster[1].Process!.Signal(SigCont);
        clock.Restart();
        frozenPeer.Send([3]);
        Assert.NotNull(await frozenPeer.ReceiveAsync(TimeSpan.FromSeconds(2)));
        output.WriteLine($"frozen 25 s: the session answered {clock.ElapsedMilliseconds} ms after the thaw");
        await WaitAsync(async () => (await Task.WhenAll(cluster.Nodes.Select(node => ProcessCluster.SeesUpAsync(node, s_all)))).All(up => up), "node-1 up on every node", TimeSpan.FromSeconds(60));
        output.WriteLine($"frozen 25 s: up on every node {clock.ElapsedMilliseconds} ms after the thaw");
    }

    [Fact]
    public async Task OperatorDown_TargetExitsWithCodeThree()
    {
        await using var cluster = await ProcessCluster.StartAsync(3);
        await WaitAsync(async () => (await Task.WhenAll(cluster.Nodes.Select(node => ProcessCluster.SeesUpAsync(node, s_all)))).All(up => up), "three up", TimeSpan.FromSeconds(30));

        using var response = await cluster[0].Http.PostAsync("/api/cluster/members/node-2/down", null);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(3, await cluster[2].Process!.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        await WaitAsync(async () => await cluster[0].MemberAsync("node-2") is null, "node-2 removed", TimeSpan.FromSeconds(20));
    }
}
