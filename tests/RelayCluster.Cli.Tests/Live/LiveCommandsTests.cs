using System.Text.Json;

namespace RelayCluster.Cli.Tests.Live;

/// <summary>Every relayctl command against a live node: text for people, and <c>--json</c> that parses.</summary>
public sealed class LiveCommandsTests : IAsyncLifetime
{
    private LiveNode _node = null!;

    public async Task InitializeAsync() => _node = await LiveNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task ReadCommands_Text_DescribeTheNodeItsRuleAndSession()
    {
        await _node.OpenSessionAsync();
        var upstream = _node.UpstreamAddress;

        Assert.Contains($"Node:      {LiveNode.Id}", await OutputOf("node", "status"), StringComparison.Ordinal);
        Assert.Equal(
            [$"{LiveNode.Id} | {_node.Url} | [] | up | reachable | 1.0.0", "Count: 1 nodes"],
            (await OutputOf("cluster", "show")).TrimEnd().Split(Environment.NewLine));
        Assert.Matches($@"game\s+udp\s+127\.0\.0\.1:0\s+{Escape(upstream)}\s+1", await OutputOf("rules", "list"));
        Assert.StartsWith("# rule game, revision 1\nrelay.rules.game {", (await OutputOf("rules", "show", "game")).ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Matches($@"game\s+{Escape(upstream)}\s+1\s+enabled\s+unknown\s+1/1", await OutputOf("upstreams", "list", "game"));
        Assert.Matches($@"game\s+udp\s+127\.0\.0\.1:\d+\s+{Escape(upstream)}\s", await OutputOf("sessions", "list", "--rule", "game", "--limit", "5"));
        Assert.EndsWith("Total: 1 session", (await OutputOf("sessions", "count")).TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("game (udp)\n  sessions      1 this node", (await OutputOf("stats")).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("node status", "id")]
    [InlineData("cluster show", "members")]
    [InlineData("rules list", "rules")]
    [InlineData("rules show game", "config")]
    [InlineData("upstreams list", "upstreams")]
    [InlineData("upstreams list game", "upstreams")]
    [InlineData("sessions list", "sessions")]
    [InlineData("sessions list --rule game --limit 1", "sessions")]
    [InlineData("sessions count", "byRule")]
    [InlineData("stats", "rules")]
    [InlineData("upstreams drain game {upstream}", "adminState")]
    [InlineData("upstreams enable game {upstream}", "adminState")]
    [InlineData("upstreams disable game {upstream}", "adminState")]
    [InlineData("rules apply -f {file}", "rules")]
    [InlineData("rules apply -f {file} --dry-run", "rules")]
    [InlineData("rules delete game", "change")]
    [InlineData("cluster down " + LiveNode.Id, "members")]
    [InlineData("node leave", "status")]
    public async Task Command_Json_WritesOneDocumentThatParses(string commandLine, string property)
    {
        var file = _node.WriteFile("rules.hocon", $$"""relay.rules.extra { protocol = udp, listen = "127.0.0.1:0", upstreams = ["{{_node.UpstreamAddress}}"] }""");
        var args = commandLine.Replace("{upstream}", _node.UpstreamAddress, StringComparison.Ordinal).Replace("{file}", file, StringComparison.Ordinal).Split(' ');

        var (exitCode, output, error) = await _node.RunAsync(["--json", .. args]);

        Assert.True(exitCode == 0, error);
        Assert.Single(output.TrimEnd().Split('\n'));
        using var document = JsonDocument.Parse(output);
        Assert.True(document.RootElement.TryGetProperty(property, out _), output);
    }

    [Fact]
    public async Task UpstreamsDrain_WithToken_ChangesTheAdminStateEverywhere()
    {
        var (exitCode, output, error) = await _node.RunAsync("upstreams", "drain", "game", _node.UpstreamAddress);

        Assert.True(exitCode == 0, error);
        Assert.Equal($"game {_node.UpstreamAddress}: draining", output.TrimEnd());
        Assert.Matches(@"\sdraining\s", await OutputOf("upstreams", "list"));
    }

    [Fact]
    public async Task NodeLeave_WithToken_AsksTheNodeToLeave()
    {
        var (exitCode, output, error) = await _node.RunAsync("node", "leave");

        Assert.True(exitCode == 0, error);
        Assert.Contains("is leaving the cluster", output, StringComparison.Ordinal);
        Assert.True(_node.LeaveRequested);
    }

    [Fact]
    public async Task UnknownRule_ExitsOneWithTheNodesProblem()
    {
        var (exitCode, output, error) = await _node.RunAsync("rules", "show", "nope");

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Equal("error: 404 Not found: There is no rule 'nope'.", error.TrimEnd());
    }

    private async Task<string> OutputOf(params string[] args)
    {
        var (exitCode, output, error) = await _node.RunAsync(args);
        Assert.True(exitCode == 0, $"relayctl {string.Join(' ', args)}: exit {exitCode}: {error}");
        return output.ReplaceLineEndings("\n");
    }

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
