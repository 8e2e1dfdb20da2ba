using System.Text.Json;
using RelayCluster.Cli.Tests.Admin;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Cluster;
using RelayCluster.Node.Hosting;
using RelayCluster.Testing.Cluster;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Cli.Tests.Live;

/// <summary>relayctl against a three-node cluster on the Akka backplane, each node on its own loopback address.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the cluster through IAsyncLifetime.DisposeAsync.")]
public sealed class ClusterCommandsTests : IAsyncLifetime
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(10);
    private readonly UdpEchoUpstream _echo = UdpEchoUpstream.Start();
    private ClusterFixture _cluster = null!;

    private string Rules => $$"""game { protocol = udp, listen = "0.0.0.0:0", upstreams = ["{{_echo.EndPoint}}"] }""";

    public async Task InitializeAsync()
    {
        _cluster = new ClusterFixture();
        for (var i = 0; i < 3; i++)
        {
            await _cluster.StartNodeAsync(Rules);
        }

        await WaitAsync(() => Enumerable.Range(0, 3).All(i => _cluster[i].Backplane.View.Members.Count(m => m.Status == MemberStatus.Up) == 3), "three members up");
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _echo.DisposeAsync();
    }

    private static string Url(NodeHost node) => node.Admin.Url.ToString().TrimEnd('/');

    [Fact]
    public async Task ClusterShow_ThreeNodes_OnePbmLinePerMemberThenTheCount()
    {
        var (exitCode, output, error) = await CliRun.AgainstAsync(Url(_cluster[1]), "cluster", "show");

        Assert.True(exitCode == 0, error);
        var expected = Enumerable.Range(0, 3)
            .Select(i => $"node-{i} | {Url(_cluster[i])} | [] | up | reachable | 1.0.0-test")
            .Append("Count: 3 nodes");
        Assert.Equal(expected, output.TrimEnd().Split(Environment.NewLine));
    }

    [Theory]
    [InlineData("node", "status")]
    [InlineData("cluster", "show")]
    [InlineData("rules", "list")]
    [InlineData("rules", "show", "game")]
    [InlineData("upstreams", "list")]
    [InlineData("sessions", "list")]
    [InlineData("sessions", "count")]
    [InlineData("stats")]
    public async Task Reads_JsonOnAClusterNode_Parse(params string[] command)
    {
        var (exitCode, output, error) = await CliRun.RunAsync(["--node", Url(_cluster[2]), "--json", .. command]);

        Assert.True(exitCode == 0, error);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
    }

    [Fact]
    public async Task UpstreamsDrainAndRulesApply_OnOneNode_ReachEveryNode()
    {
        var address = _echo.EndPoint.ToString();
        var (drained, _, drainError) = await CliRun.AgainstAsync(Url(_cluster[0]), "upstreams", "drain", "game", address);
        Assert.True(drained == 0, drainError);
        await WaitAsync(() => Enumerable.Range(0, 3).All(i => _cluster[i].Node.Rule("game").Upstreams[0].AdminState == UpstreamAdminState.Draining), "every node to drain the upstream");

        using var files = new TempFiles();
        var file = files.Write("rules.hocon", $$"""relay.rules.voice { protocol = udp, listen = "0.0.0.0:0", upstreams = ["{{address}}"] }""");
        var (applied, appliedOutput, applyError) = await CliRun.AgainstAsync(Url(_cluster[1]), "rules", "apply", "-f", file);

        Assert.True(applied == 0, applyError);
        Assert.Contains("created voice", appliedOutput, StringComparison.Ordinal);
        await WaitAsync(() => Enumerable.Range(0, 3).All(i => _cluster[i].Node.FindRule("voice") is not null), "every node to run the new rule");
    }

    [Fact]
    public async Task UpstreamsDisableEnableAndRulesDelete_OnOneNode_ReachEveryNode()
    {
        var address = _echo.EndPoint.ToString();
        Assert.Equal(0, (await CliRun.AgainstAsync(Url(_cluster[1]), "upstreams", "disable", "game", address)).ExitCode);
        await WaitAsync(() => Enumerable.Range(0, 3).All(i => _cluster[i].Node.Rule("game").Upstreams[0].AdminState == UpstreamAdminState.Disabled), "every node to disable the upstream");
        Assert.Equal(0, (await CliRun.AgainstAsync(Url(_cluster[2]), "upstreams", "enable", "game", address)).ExitCode);
        await WaitAsync(() => Enumerable.Range(0, 3).All(i => _cluster[i].Node.Rule("game").Upstreams[0].AdminState == UpstreamAdminState.Enabled), "every node to enable the upstream");

        var (deleted, _, error) = await CliRun.AgainstAsync(Url(_cluster[0]), "rules", "delete", "game");

        Assert.True(deleted == 0, error);
        await WaitAsync(() => Enumerable.Range(0, 3).All(i => _cluster[i].Node.FindRule("game") is null), "every node to stop the rule");
    }

    [Fact]
    public async Task NodeLeave_OneNode_ItLeavesAndTheOthersRemoveIt()
    {
        var leaving = _cluster[2];

        var (exitCode, _, error) = await CliRun.AgainstAsync(Url(leaving), "node", "leave");

        Assert.True(exitCode == 0, error);
        await WaitAsync(() => _cluster[0].Backplane.View.Members.All(m => m.Id != "node-2"), "node-0 to see node-2 removed");
        await WaitAsync(() => leaving.Cluster.Status == MemberStatus.Removed, "node-2 to finish leaving");
    }

    [Fact]
    public async Task ClusterTail_NodeJoinsAndLeaves_PrintsTheJoinAndTheLeave()
    {
        using var output = new LineSignalWriter();
        using var interrupt = new CancellationTokenSource();
        var watched = _cluster[0];
        var tail = CliRun.RunAsync(["--node", Url(watched), "cluster", "tail"], output: output, cancellationToken: interrupt.Token);
        await WaitAsync(() => watched.Cluster.Events.SubscriberCount == 1 || tail.IsCompleted, "relayctl to subscribe");

        var joining = await _cluster.StartNodeAsync(Rules);
        var url = Url(joining);
        await WaitAsync(() => output.ToString().Contains("joined node-3", StringComparison.Ordinal), "the join to be printed");
        await _cluster.LeaveAsync(3);
        await WaitAsync(() => output.ToString().Contains("removed node-3", StringComparison.Ordinal), "the leave to be printed");
        await interrupt.CancelAsync();
        var (exitCode, text, error) = await tail.WaitAsync(s_deadline);

        Assert.True(exitCode == 0, error);
        var lines = text.TrimEnd().Split(Environment.NewLine).Where(line => line.Contains("node-3", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, line => line.EndsWith($"joined node-3 | {url} | [] | joining | reachable | 1.0.0-test", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.EndsWith($"status node-3 | {url} | [] | leaving | reachable | 1.0.0-test", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.EndsWith($"removed node-3 | {url} | [] | removed | reachable | 1.0.0-test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClusterDown_AnotherNode_ThatNodeStopsAndTheOthersShowItDown()
    {
        var (exitCode, _, error) = await CliRun.AgainstAsync(Url(_cluster[0]), "cluster", "down", "node-2");

        Assert.True(exitCode == 0, error);
        await _cluster[2].Cluster.Downed.WaitAsync(TimeSpan.FromSeconds(20));
        await WaitAsync(() => _cluster[1].Backplane.View.Members.Any(m => m.Id == "node-2" && m.Status == MemberStatus.Down), "node-1 to see node-2 down");
        var (_, show, _) = await CliRun.AgainstAsync(Url(_cluster[1]), "cluster", "show");
        Assert.Contains($"node-2 | {Url(_cluster[2])} | [] | down | reachable | 1.0.0-test", show, StringComparison.Ordinal);
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + s_deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
