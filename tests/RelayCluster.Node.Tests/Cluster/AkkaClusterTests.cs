using System.Diagnostics;
using Xunit.Abstractions;

namespace RelayCluster.Node.Tests.Cluster;

/// <summary>Three real relay-node processes on the Akka backplane, shared by the tests of this class.</summary>
public sealed class ThreeNodeCluster : IAsyncLifetime
{
    internal ProcessCluster Cluster { get; private set; } = null!;

    /// <summary>How long after the start all three were up on every node.</summary>
    public TimeSpan UpAfter { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        Cluster = await ProcessCluster.StartAsync(3);
        string[] ids = ["node-0", "node-1", "node-2"];
        await Eventually.TrueAsync(
            () => Cluster.Nodes.All(node => ProcessCluster.SeesUpAsync(node, ids).GetAwaiter().GetResult()),
            "three members up on every node",
            TimeSpan.FromSeconds(30));
        UpAfter = clock.Elapsed;
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[Collection(nameof(ProcessClusters))]
public partial class AkkaClusterTests(ThreeNodeCluster fixture, ITestOutputHelper output) : IClassFixture<ThreeNodeCluster>
{
    private ProcessCluster Cluster => fixture.Cluster;

    [Fact]
    public void ThreeNodes_StartedTogether_AllUpOnEveryNodeWithinFifteenSeconds()
    {
        output.WriteLine($"three nodes up on every node {fixture.UpAfter.TotalMilliseconds:0} ms after the processes started");
        Assert.True(fixture.UpAfter < TimeSpan.FromSeconds(15), $"took {fixture.UpAfter}");
    }

    private string GameRule(int max) =>
        $$"""{ protocol = udp, listen = "0.0.0.0:{{Cluster.UdpPort}}", upstreams = ["{{Cluster.Echo.EndPoint}}"], balance = least-sessions, load-scope = cluster, session { max = {{max}} } }""";

    private static async Task<long> RevisionAsync(ClusterNode node, string rule) =>
        (await node.RulesAsync())?.Rules.FirstOrDefault(entry => entry.Name == rule)?.Revision ?? -1;

    [Fact]
    public async Task RuleApplied_OnOneNode_LiveOnTheOthersWithinOneSecond()
    {
        var delays = new List<double>();
        for (var change = 1; change <= 20; change++)
        {
            var clock = Stopwatch.StartNew();
            var (status, revision) = await Cluster[0].PutRuleWithRevisionAsync("game", GameRule(2000 + change));
            Assert.Equal(System.Net.HttpStatusCode.OK, status);
            var waits = new[] { Cluster[1], Cluster[2] }.Select(async node =>
            {
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
                while (await RevisionAsync(node, "game") < revision)
                {
                    Assert.True(DateTime.UtcNow < deadline, $"{node.Id} did not apply revision {revision}");
                    await Task.Delay(2);
                }

                return clock.Elapsed.TotalMilliseconds;
            });
            delays.AddRange(await Task.WhenAll(waits));
        }

        delays.Sort();
        output.WriteLine($"rule live on the two other nodes, 40 observations over 20 changes (ms): min {delays[0]:0.0}, p50 {delays[delays.Count / 2]:0.0}, p90 {delays[(int)(delays.Count * 0.9)]:0.0}, max {delays[^1]:0.0}");
        Assert.True(delays[^1] < 1000, $"slowest took {delays[^1]:0} ms");
    }

    [Fact]
    public async Task RulesApply_SameIfMatchOnTwoNodes_OneWinsOneConflicts()
    {
        var outcomes = new List<string>();
        for (var trial = 0; trial < 50; trial++)
        {
            var current = await RevisionAsync(Cluster[1], "game");
            var (first, second) = (Cluster[1].PutRuleAsync("game", GameRule(3000 + (trial * 2)), current), Cluster[2].PutRuleAsync("game", GameRule(3001 + (trial * 2)), current));
            var statuses = new[] { await first, await second }.Select(status => (int)status).Order().ToList();
            outcomes.Add(string.Join("/", statuses));
            Assert.Equal([200, 409], statuses);
            await Eventually.TrueAsync(
                () => RevisionAsync(Cluster[1], "game").GetAwaiter().GetResult() > current && RevisionAsync(Cluster[2], "game").GetAwaiter().GetResult() > current,
                "both nodes to see the winner");
        }

        output.WriteLine($"50 trials: {outcomes.Count(outcome => outcome == "200/409")} times one 200 and one 409");
    }
}
