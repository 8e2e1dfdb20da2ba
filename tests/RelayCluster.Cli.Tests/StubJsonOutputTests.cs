using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RelayCluster.Cli.Tests.Admin;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Tests;

/// <summary>Every command against a stub node: <c>--json</c> writes one document that parses, text mode writes something.</summary>
public sealed class StubJsonOutputTests : IAsyncLifetime
{
    private StubNode _node = null!;

    public async Task InitializeAsync() => _node = await StubNode.StartAsync(app =>
    {
        app.MapGet(AdminRoutes.Node, () => StubNode.Json(Samples.Node));
        app.MapPost(AdminRoutes.NodeLeave, () => Results.Accepted());
        app.MapGet(AdminRoutes.Cluster, () => StubNode.Json(Samples.Cluster));
        app.MapPost("/api/cluster/members/{id}/down", (string id) => StubNode.Json(Samples.MemberB with { Id = id, Status = "down" }));
        app.MapGet(AdminRoutes.Rules, () => StubNode.Json(new RuleListDto([Samples.GameEu, Samples.Web])));
        app.MapGet("/api/rules/{name}", () => StubNode.Json(Samples.GameEu));
        app.MapDelete("/api/rules/{name}", (string name) => StubNode.Json(new RuleWriteDto(name, "deleted", 14, false)));
        app.MapGet(AdminRoutes.Upstreams, () => StubNode.Json(Samples.Upstreams));
        app.MapPost("/api/rules/{rule}/upstreams/{address}/{action}", (string rule, string address, string action) =>
            StubNode.Json(new UpstreamActionDto(rule, address, action switch { "drain" => "draining", "enable" => "enabled", _ => "disabled" })));
        app.MapGet(AdminRoutes.Sessions, () => StubNode.Json(Samples.Sessions));
        app.MapGet(AdminRoutes.Stats, () => StubNode.Json(Samples.Stats));
    });

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [InlineData("node status", "id")]
    [InlineData("node leave", "status")]
    [InlineData("cluster show", "members")]
    [InlineData("cluster down node-b", "status")]
    [InlineData("rules list", "rules")]
    [InlineData("rules show game-eu", "config")]
    [InlineData("rules delete game-eu", "change")]
    [InlineData("upstreams list", "upstreams")]
    [InlineData("upstreams list game-eu", "upstreams")]
    [InlineData("upstreams drain game-eu 10.0.0.11:27015", "adminState")]
    [InlineData("upstreams enable game-eu 10.0.0.11:27015", "adminState")]
    [InlineData("upstreams disable game-eu 10.0.0.11:27015", "adminState")]
    [InlineData("sessions list --rule game-eu --limit 2", "sessions")]
    [InlineData("sessions count", "total")]
    [InlineData("stats", "rules")]
    public async Task Run_Json_WritesOneDocumentThatParses(string commandLine, string property)
    {
        var (exitCode, output, error) = await CliRun.AgainstAsync(_node.Url, ["--json", .. commandLine.Split(' ')]);

        Assert.True(exitCode == 0, error);
        Assert.Single(output.TrimEnd().Split('\n'));
        using var document = JsonDocument.Parse(output);
        Assert.True(document.RootElement.TryGetProperty(property, out _), output);
    }

    [Theory]
    [InlineData("node status", "Node:      node-a")]
    [InlineData("node leave", "is leaving the cluster")]
    [InlineData("cluster show", "Count: 2 nodes")]
    [InlineData("cluster down node-b", "node-b marked down")]
    [InlineData("rules list", "game-eu  udp")]
    [InlineData("rules show game-eu", "# rule game-eu, revision 12")]
    [InlineData("rules delete game-eu", "deleted game-eu (revision 14)")]
    [InlineData("upstreams list game-eu", "10.0.0.11:27015")]
    [InlineData("upstreams drain game-eu 10.0.0.11:27015", "game-eu 10.0.0.11:27015: draining")]
    [InlineData("sessions list", "Showing 2 of 3 sessions")]
    [InlineData("sessions count", "Total: 3 sessions")]
    [InlineData("stats", "game-eu (udp)")]
    public async Task Run_Text_WritesTheHumanForm(string commandLine, string expected)
    {
        var (exitCode, output, error) = await CliRun.AgainstAsync(_node.Url, commandLine.Split(' '));

        Assert.True(exitCode == 0, error);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NarrowingArguments_ReachTheQuery()
    {
        await CliRun.AgainstAsync(_node.Url, "upstreams", "list", "game-eu");
        await CliRun.AgainstAsync(_node.Url, "sessions", "list", "--rule", "game-eu", "--limit", "2");
        await CliRun.AgainstAsync(_node.Url, "sessions", "count");
        await CliRun.AgainstAsync(_node.Url, "upstreams", "drain", "game-eu", "[::1]:27015");

        Assert.Equal(
            [
                "GET /api/upstreams?rule=game-eu",
                "GET /api/sessions?rule=game-eu&limit=2",
                "GET /api/sessions?limit=0",
                "POST /api/rules/game-eu/upstreams/%5B%3A%3A1%5D%3A27015/drain",
            ],
            _node.Requests.Select(request => $"{request.Method} {request.PathAndQuery}"));
    }
}
