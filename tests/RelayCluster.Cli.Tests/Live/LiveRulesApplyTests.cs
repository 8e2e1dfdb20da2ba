using System.Text.Json;
using RelayCluster.Cli.Admin;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Tests.Live;

/// <summary><c>rules apply</c> against a live node: the diff, the dry run, the change, and a stale revision.</summary>
public sealed class LiveRulesApplyTests : IAsyncLifetime
{
    private LiveNode _node = null!;
    private string _file = null!;

    public async Task InitializeAsync()
    {
        _node = await LiveNode.StartAsync();
        _file = _node.WriteFile("rules.hocon", $$"""
            relay.rules {
              game { protocol = udp, listen = "127.0.0.1:0", upstreams = ["{{_node.UpstreamAddress}}"], session { max = 10 } }
              extra { protocol = tcp, listen = "127.0.0.1:0", upstreams = ["127.0.0.1:9"] }
            }
            """);
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Apply_DryRun_PrintsTheDiffAndChangesNothing()
    {
        var before = await _node.RunAsync("--json", "rules", "list");

        var (exitCode, output, error) = await _node.RunAsync("rules", "apply", "-f", _file, "--dry-run");

        Assert.True(exitCode == 0, error);
        Assert.Equal(
            [
                "~ rule game",
                "  session: (none) -> {\"max\":10}",
                "+ rule extra (new)",
                "dry run: 1 created, 1 updated, 0 unchanged if applied; nothing was changed",
            ],
            output.TrimEnd().Split(Environment.NewLine));
        Assert.Equal(before, await _node.RunAsync("--json", "rules", "list"));
        Assert.Null(_node.Host.Node.FindRule("extra"));
    }

    [Fact]
    public async Task Apply_ChangedAndNewRule_WritesBothAndTheNodeRunsThem()
    {
        var (exitCode, output, error) = await _node.RunAsync("rules", "apply", "-f", _file);

        Assert.True(exitCode == 0, error);
        var lines = output.TrimEnd().Split(Environment.NewLine);
        Assert.Matches(@"^updated game \(revision \d+\)$", lines[3]);
        Assert.Matches(@"^created extra \(revision \d+\)$", lines[4]);
        Assert.Equal("1 created, 1 updated, 0 unchanged", lines[5]);
        var (_, shown, _) = await _node.RunAsync("--json", "rules", "show", "game");
        using var rule = JsonDocument.Parse(shown);
        Assert.Equal(10, rule.RootElement.GetProperty("config").GetProperty("session").GetProperty("max").GetInt32());
        await WaitUntilAsync(() => _node.Host.Node.FindRule("extra") is not null && _node.Host.Node.Rule("game").Config.Session.Max == 10);

        var (again, secondOutput, _) = await _node.RunAsync("rules", "apply", "-f", _file);

        Assert.Equal(0, again);
        Assert.Equal(["= rule game (unchanged)", "= rule extra (unchanged)", "0 created, 0 updated, 2 unchanged"], secondOutput.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Put_StaleRevision_RefusedWith409AndNothingChanges()
    {
        using var client = new AdminClient(new Uri(_node.Url), LiveNode.Token, AdminClient.DefaultTimeout);
        var current = await client.GetAsync<RuleDto>(AdminRoutes.Rule("game"), CancellationToken.None);
        var json = $$$"""{"protocol":"udp","listen":"127.0.0.1:0","upstreams":["{{{_node.UpstreamAddress}}}"],"session":{"max":5}}""";

        var conflict = await Assert.ThrowsAsync<AdminProblemException>(() =>
            client.PutJsonAsync<RuleWriteDto>(AdminRoutes.Rule("game"), json, current.Revision + 1, CancellationToken.None));

        Assert.Equal(409, conflict.Problem.Status);
        Assert.Equal(current.Revision, (await client.GetAsync<RuleDto>(AdminRoutes.Rule("game"), CancellationToken.None)).Revision);
    }

    [Fact]
    public async Task Delete_WithToken_RemovesTheRule()
    {
        var (exitCode, output, error) = await _node.RunAsync("rules", "delete", "game");

        Assert.True(exitCode == 0, error);
        Assert.Matches(@"^deleted game \(revision \d+\)$", output.TrimEnd());
        Assert.Equal("No rules.", (await _node.RunAsync("rules", "list")).Output.TrimEnd());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the node did not apply the rules within 10 s");
            await Task.Delay(20);
        }
    }
}
