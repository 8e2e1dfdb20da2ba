using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RelayCluster.Cli.Tests.Admin;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Tests.Rules;

public sealed class RulesApplyCommandTests : IAsyncLifetime, IDisposable
{
    private const string File = """
        relay.rules {
          game-eu {
            protocol = udp
            listen = "0.0.0.0:27015"
            upstreams = [ "10.0.0.11:27015", { address = "10.0.0.12:27015", weight = 3 } ]
            session { max = 60000 }
          }
          web { protocol = tcp, listen = "0.0.0.0:8080", upstreams = ["10.0.0.21:80"] }
          game-na { protocol = udp, listen = "0.0.0.0:27016", upstreams = ["10.0.1.11:27015"] }
        }
        """;

    private readonly TempFiles _files = new();
    private StubNode _node = null!;
    private int _putStatus = StatusCodes.Status200OK;

    public async Task InitializeAsync() => _node = await StubNode.StartAsync(app =>
    {
        app.MapGet(AdminRoutes.Rules, () => StubNode.Json(new RuleListDto([Samples.GameEu, Samples.Web])));
        app.MapPut("/api/rules/{name}", (string name, HttpRequest request) => _putStatus == StatusCodes.Status200OK
            ? StubNode.Json(new RuleWriteDto(name, name == "game-na" ? "created" : "updated", 13, request.Query.ContainsKey("dry-run")))
            : StubNode.Json(new ProblemDto("about:blank", "Conflict", _putStatus, $"rule {name} is at revision 14, not 12"), _putStatus));
    });

    public async Task DisposeAsync() => await _node.DisposeAsync();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Apply_ChangedAndNewRules_PutsOnlyThoseWithRevisionOrZeroAndToken()
    {
        var file = _files.Write("rules.hocon", File);

        var (exitCode, output, error) = await CliRun.AgainstAsync(_node.Url, "--token", "secret", "rules", "apply", "-f", file);

        Assert.True(exitCode == 0, error);
        Assert.Equal(
            [
                "~ rule game-eu",
                "  session.max: 50000 -> 60000",
                "= rule web (unchanged)",
                "+ rule game-na (new)",
                "updated game-eu (revision 13)",
                "created game-na (revision 13)",
                "1 created, 1 updated, 1 unchanged",
            ],
            output.TrimEnd().Split(Environment.NewLine));
        var puts = _node.Requests.Where(request => request.Method == "PUT").ToList();
        Assert.Equal(["/api/rules/game-eu", "/api/rules/game-na"], puts.Select(request => request.PathAndQuery));
        Assert.Equal(["\"12\"", "\"0\""], puts.Select(request => request.IfMatch));
        Assert.All(_node.Requests, request => Assert.Equal("Bearer secret", request.Authorization));
        using var body = JsonDocument.Parse(puts[0].Body);
        Assert.Equal(60000, body.RootElement.GetProperty("session").GetProperty("max").GetInt32());
        Assert.Equal("0.0.0.0:27015", body.RootElement.GetProperty("listen").GetString());
    }

    [Fact]
    public async Task Apply_DryRun_OnlyAsksTheNodeToValidate()
    {
        var file = _files.Write("rules.hocon", File);

        var (exitCode, output, error) = await CliRun.AgainstAsync(_node.Url, "rules", "apply", "-f", file, "--dry-run");

        Assert.True(exitCode == 0, error);
        Assert.EndsWith("dry run: 1 created, 1 updated, 1 unchanged if applied; nothing was changed", output.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("revision 13", output, StringComparison.Ordinal);
        Assert.Equal(
            ["/api/rules/game-eu?dry-run=true", "/api/rules/game-na?dry-run=true"],
            _node.Requests.Where(request => request.Method == "PUT").Select(request => request.PathAndQuery));
    }

    [Fact]
    public async Task Apply_Json_WritesOneDocumentWithEachRule()
    {
        var file = _files.Write("rules.hocon", File);

        var (exitCode, output, error) = await CliRun.AgainstAsync(_node.Url, "--json", "rules", "apply", "-f", file);

        Assert.True(exitCode == 0, error);
        using var document = JsonDocument.Parse(output);
        var rules = document.RootElement.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["updated", "unchanged", "created"], rules.Select(rule => rule.GetProperty("change").GetString()));
        Assert.Equal([13, 7, 13], rules.Select(rule => rule.GetProperty("revision").GetInt64()));
        var field = Assert.Single(rules[0].GetProperty("fields").EnumerateArray());
        Assert.Equal("session.max", field.GetProperty("path").GetString());
        Assert.Equal(60000, field.GetProperty("new").GetInt32());
    }

    [Fact]
    public async Task Apply_ConcurrentChange_ExitsOneWithTheConflict()
    {
        _putStatus = StatusCodes.Status409Conflict;
        var file = _files.Write("rules.hocon", File);

        var (exitCode, _, error) = await CliRun.AgainstAsync(_node.Url, "rules", "apply", "-f", file);

        Assert.Equal(1, exitCode);
        Assert.Equal("error: 409 Conflict: rule game-eu is at revision 14, not 12", error.TrimEnd());
        Assert.Single(_node.Requests, request => request.Method == "PUT");
    }

    [Fact]
    public async Task Apply_FileWithErrors_ExitsOneAndNeverCallsTheNode()
    {
        var file = _files.Write("bad.hocon", """
            relay.rules.game {
              protocol = udp
              listen = "0.0.0.0:27015"
              upstreams = ["10.0.0.11:27015"]
              idle_timeout = 5s
            }
            """);

        var (exitCode, output, error) = await CliRun.AgainstAsync(_node.Url, "rules", "apply", "-f", file);

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.StartsWith($"{file}:5:3: relay.rules.game.idle_timeout: unknown key", error, StringComparison.Ordinal);
        Assert.Contains("1 error; nothing applied", error, StringComparison.Ordinal);
        Assert.Empty(_node.Requests);
    }
}
