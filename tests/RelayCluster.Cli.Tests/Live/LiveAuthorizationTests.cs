using System.Text.Json;

namespace RelayCluster.Cli.Tests.Live;

/// <summary>Mutations without the node's token are refused with 401, exit 1, and change nothing.</summary>
public sealed class LiveAuthorizationTests : IAsyncLifetime
{
    private LiveNode _node = null!;

    public async Task InitializeAsync() => _node = await LiveNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [InlineData(null, "rules delete game")]
    [InlineData("wrong-token", "rules delete game")]
    [InlineData(null, "rules apply -f {file}")]
    [InlineData("wrong-token", "rules apply -f {file}")]
    [InlineData(null, "upstreams drain game {upstream}")]
    [InlineData("wrong-token", "upstreams disable game {upstream}")]
    [InlineData(null, "cluster down " + LiveNode.Id)]
    [InlineData("wrong-token", "cluster down " + LiveNode.Id)]
    [InlineData(null, "node leave")]
    [InlineData("wrong-token", "node leave")]
    public async Task Mutation_WithoutTheToken_ExitsOneWith401AndChangesNothing(string? token, string commandLine)
    {
        var file = _node.WriteFile("rules.hocon", $$"""
            relay.rules.game { protocol = udp, listen = "127.0.0.1:0", upstreams = ["{{_node.UpstreamAddress}}"], session.max = 10 }
            """);
        var args = commandLine.Replace("{upstream}", _node.UpstreamAddress, StringComparison.Ordinal).Replace("{file}", file, StringComparison.Ordinal).Split(' ');
        var before = await StateAsync();

        var (exitCode, _, error) = await _node.RunWithTokenAsync(token, args);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("error: 401 Unauthorized: ", error, StringComparison.Ordinal);
        Assert.Equal(token is null, error.Contains("pass --token TOKEN or set RELAY_ADMIN_TOKEN", StringComparison.Ordinal));
        Assert.Equal(before, await StateAsync());
        Assert.False(_node.LeaveRequested);
    }

    /// <summary>The rules, the upstreams' admin states and the members, as JSON texts without the times that move by themselves.</summary>
    private async Task<string> StateAsync()
    {
        var rules = await JsonOf("rules", "list");
        var upstreams = await JsonOf("upstreams", "list");
        using var cluster = JsonDocument.Parse(await JsonOf("cluster", "show"));
        var members = string.Join(',', cluster.RootElement.GetProperty("members").EnumerateArray()
            .Select(member => $"{member.GetProperty("id")}:{member.GetProperty("status")}:{member.GetProperty("reachability")}"));
        using var upstreamList = JsonDocument.Parse(upstreams);
        var adminStates = string.Join(',', upstreamList.RootElement.GetProperty("upstreams").EnumerateArray()
            .Select(upstream => $"{upstream.GetProperty("address")}:{upstream.GetProperty("adminState")}"));
        return $"{rules}\n{adminStates}\n{members}";
    }

    private async Task<string> JsonOf(params string[] args)
    {
        var (exitCode, output, error) = await _node.RunAsync(["--json", .. args]);
        Assert.True(exitCode == 0, error);
        return output;
    }
}
