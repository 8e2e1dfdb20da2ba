using System.Text.RegularExpressions;
using RelayCluster.Cli.Tests.Admin;
using RelayCluster.Node.Cluster;

namespace RelayCluster.Cli.Tests.Live;

public sealed class LiveClusterTailTests : IAsyncLifetime
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(10);
    private LiveNode _node = null!;

    public async Task InitializeAsync() => _node = await LiveNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Tail_MemberMarkedDown_PrintsTheEventAndExitsZeroOnInterrupt()
    {
        using var output = new LineSignalWriter();
        using var interrupt = new CancellationTokenSource();
        var tail = CliRun.RunAsync(["--node", _node.Url, "cluster", "tail"], output: output, cancellationToken: interrupt.Token);

        // Nothing tells relayctl when the node has subscribed it to events: an event published until one arrives proves it.
        var deadline = DateTime.UtcNow + s_deadline;
        while (!output.WaitForLinesAsync(1, s_deadline).IsCompletedSuccessfully)
        {
            Assert.True(DateTime.UtcNow < deadline, "no event reached relayctl within 10 s");
            if (tail.IsCompleted)
            {
                Assert.Fail($"cluster tail ended early: {(await tail).Error}");
            }

            _node.Host.Cluster.Events.Publish([new MemberEvent("reachable", _node.Host.Backplane.View.Members.Single(), DateTimeOffset.UtcNow)]);
            await Task.WhenAny(output.WaitForLinesAsync(1, s_deadline), Task.Delay(50));
        }

        var (down, _, downError) = await _node.RunAsync("cluster", "down", LiveNode.Id);
        Assert.True(down == 0, downError);
        while (!output.ToString().Contains($"status {LiveNode.Id}", StringComparison.Ordinal))
        {
            await output.WaitForLinesAsync(output.ToString().TrimEnd().Split(Environment.NewLine).Length + 1, s_deadline);
        }

        await interrupt.CancelAsync();
        var (exitCode, text, error) = await tail.WaitAsync(s_deadline);

        Assert.True(exitCode == 0, error);
        Assert.Empty(error);
        Assert.True(Regex.IsMatch(text, @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ reachable " + Regex.Escape($"{LiveNode.Id} | {_node.Url} | [] | up | reachable | 1.0.0")), text);
        Assert.Contains($"status {LiveNode.Id} | {_node.Url} | [] | down | reachable | 1.0.0", text, StringComparison.Ordinal);
    }
}
