using System.Diagnostics;
using Xunit.Abstractions;

namespace RelayCluster.Node.Tests.Cluster;

/// <summary>Failures of real relay-node processes on the Akka backplane: kill -9, freeze, operator down.</summary>
[Collection(nameof(ProcessClusters))]
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

    [Fact]
    public async Task FullRestart_OfEveryNode_KeepsARuleAndADrainMadeAtRuntime()
    {
        await using var cluster = await ProcessCluster.StartAsync(3);
        await WaitAsync(async () => (await Task.WhenAll(cluster.Nodes.Select(node => ProcessCluster.SeesUpAsync(node, s_all)))).All(up => up), "three up", TimeSpan.FromSeconds(30));
        var added = await cluster[0].PutRuleAsync("extra", $$"""{ protocol = udp, listen = "0.0.0.0:0", upstreams = ["{{cluster.Echo.EndPoint}}"] }""");
        Assert.True((int)added is 200 or 201, $"{added}");
        using var drained = await cluster[1].Http.PostAsync($"/api/rules/game/upstreams/{cluster.Echo.EndPoint}/drain", null);
        Assert.True(drained.IsSuccessStatusCode, await drained.Content.ReadAsStringAsync());
        await WaitAsync(
            async () => (await Task.WhenAll(cluster.Nodes.Select(async node => (await node.RulesAsync())?.Rules.Any(rule => rule.Name == "extra") == true
                && (await node.UpstreamsAsync())?.Upstreams.Any(upstream => upstream.Rule == "game" && upstream.AdminState == "draining") == true))).All(seen => seen),
            "the rule and the drain on every node",
            TimeSpan.FromSeconds(10));

        foreach (var node in cluster.Nodes)
        {
            node.Kill();
        }

        foreach (var node in cluster.Nodes)
        {
            node.Start();
        }

        foreach (var node in cluster.Nodes)
        {
            await node.WaitForAdminAsync(ProcessCluster.StartTimeout);
        }

        await WaitAsync(async () => (await Task.WhenAll(cluster.Nodes.Select(node => ProcessCluster.SeesUpAsync(node, s_all)))).All(up => up), "three up again", TimeSpan.FromSeconds(30));
        await WaitAsync(
            async () => (await Task.WhenAll(cluster.Nodes.Select(async node => (await node.RulesAsync())?.Rules.Any(rule => rule.Name == "extra") == true
                && (await node.UpstreamsAsync())?.Upstreams.Any(upstream => upstream.Rule == "game" && upstream.AdminState == "draining") == true))).All(seen => seen),
            "the rule and the drain on every node after the restart",
            TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task TwoNodes_EitherKilled_TheOtherKeepsRelayingAndAnswers(int killed)
    {
        await using var cluster = await ProcessCluster.StartAsync(2, strategy: "keep-oldest");
        string[] both = ["node-0", "node-1"];
        await WaitAsync(async () => (await Task.WhenAll(cluster.Nodes.Select(node => ProcessCluster.SeesUpAsync(node, both)))).All(up => up), "two up", TimeSpan.FromSeconds(30));
        var survivor = cluster[1 - killed];
        using var peer = new UdpPeer(survivor.GameEndPoint(cluster.UdpPort), survivor.Address);
        Assert.True(await RoundTripAsync(peer, TimeSpan.FromSeconds(10)));

        cluster[killed].Process!.Signal(SigKill);
        await WaitAsync(async () => await survivor.MemberAsync($"node-{killed}") is null, "the dead node removed", TimeSpan.FromSeconds(30));

        Assert.True(await RoundTripAsync(peer, TimeSpan.FromSeconds(2)));
        Assert.NotNull(await survivor.ClusterAsync());
        if (killed == 0)
        {
            // The oldest died: the survivor is downed by keep-oldest and rejoins as a new incarnation; it relays and answers meanwhile.
            return;
        }

        Assert.True(await ProcessCluster.SeesUpAsync(survivor, [survivor.Id]));
        // Rule writes need the rule writer singleton, which moves to the survivor once the dead node is removed.
        await WaitAsync(
            async () => (int)await survivor.PutRuleAsync("after", $$"""{ protocol = udp, listen = "0.0.0.0:0", upstreams = ["{{cluster.Echo.EndPoint}}"] }""") is 200 or 201,
            "a rule write on the survivor",
            TimeSpan.FromSeconds(20));
    }
}
