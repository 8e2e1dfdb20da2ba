using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RelayCluster.Cli.Admin;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Tests.Admin;

public class AdminCommandTests
{
    [Fact]
    public async Task Run_NothingListensOnThePort_ExitsThreeAndSaysCannotReach()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exitCode, output, error) = await CliRun.AgainstAsync($"http://127.0.0.1:{port}", "node", "status");

        Assert.Equal(3, exitCode);
        Assert.Empty(output);
        Assert.Equal($"cannot reach node at http://127.0.0.1:{port}: Connection refused", error.TrimEnd());
    }

    [Fact]
    public async Task Run_NodeNeverAnswers_ExitsThreeAfterTheTimeout()
    {
        // The kernel completes the handshake of a listening socket, but nothing ever reads the request.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var node = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

        var (exitCode, _, error) = await CliRun.RunAsync(["--node", node, "rules", "list"], requestTimeout: TimeSpan.FromMilliseconds(300));

        Assert.Equal(3, exitCode);
        Assert.Equal($"cannot reach node at {node}: no answer within 300ms", error.TrimEnd());
    }

    [Fact]
    public async Task Run_NodeReportsAProblem_ExitsOneAndPrintsTitleDetailAndErrors()
    {
        var problem = new ProblemDto("https://relay-cluster/problems/bad-rule", "Bad rule", 400, "rule game has 2 errors",
            ["game:4:14: relay.rules.game.listen: expected an IP address and port", "game:5:3: relay.rules.game.colour: unknown key"]);
        await using var node = await StubNode.StartAsync(app => app.MapGet(AdminRoutes.Rules, () => StubNode.Json(problem, 400)));

        var (exitCode, output, error) = await CliRun.AgainstAsync(node.Url, "rules", "list");

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Equal(
            [
                "error: 400 Bad rule: rule game has 2 errors",
                "game:4:14: relay.rules.game.listen: expected an IP address and port",
                "game:5:3: relay.rules.game.colour: unknown key",
            ],
            error.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Run_UnauthorizedWithoutToken_SaysHowToGiveOne()
    {
        await using var node = await StubNode.StartAsync(app => app.MapPost(AdminRoutes.NodeLeave, () => Results.Unauthorized()));

        var (exitCode, _, error) = await CliRun.AgainstAsync(node.Url, "node", "leave");

        Assert.Equal(1, exitCode);
        Assert.Equal(
            ["error: 401 Unauthorized", "this command needs the admin token: pass --token TOKEN or set RELAY_ADMIN_TOKEN"],
            error.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Run_ErrorPageThatIsNoProblem_ExitsOneWithTheStatusLineAndText()
    {
        await using var node = await StubNode.StartAsync(app => app.MapGet(AdminRoutes.Stats, () => Results.Text("upstream timed out", statusCode: 502)));

        var (exitCode, _, error) = await CliRun.AgainstAsync(node.Url, "stats");

        Assert.Equal(1, exitCode);
        Assert.Equal("error: 502 Bad Gateway: upstream timed out", error.TrimEnd());
    }

    [Fact]
    public async Task Run_TokenFromEnvironmentAndPathInNodeUrl_SendsBearerToThePrefixedRoute()
    {
        await using var node = await StubNode.StartAsync(app => app.MapGet("/relay" + AdminRoutes.Node, () => StubNode.Json(Samples.Node)));
        var environment = new Dictionary<string, string> { ["RELAYCTL_NODE"] = node.Url + "/relay/", ["RELAY_ADMIN_TOKEN"] = "s3cret" };

        var (exitCode, _, error) = await CliRun.RunAsync(["node", "status"], environment);

        Assert.True(exitCode == 0, error);
        var request = Assert.Single(node.Requests);
        Assert.Equal("/relay/api/node", request.PathAndQuery);
        Assert.Equal("Bearer s3cret", request.Authorization);
    }

    [Fact]
    public void ToExitCode_EachFailure_MapsToItsCode()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Equal(1, AdminCommand.ToExitCode(new AdminProblemException(new ProblemDto("about:blank", "Not Found", 404, "")), TextWriter.Null, true, default));
        Assert.Equal(3, AdminCommand.ToExitCode(new NodeUnreachableException("http://n:9110", "Connection refused"), TextWriter.Null, true, default));
        Assert.Equal(130, AdminCommand.ToExitCode(new OperationCanceledException(cancelled.Token), TextWriter.Null, true, cancelled.Token));
        Assert.Null(AdminCommand.ToExitCode(new OperationCanceledException(), TextWriter.Null, true, default));
        Assert.Null(AdminCommand.ToExitCode(new InvalidOperationException(), TextWriter.Null, true, default));
    }
}
