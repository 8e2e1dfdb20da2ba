using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using RelayCluster.Cli;
using RelayCluster.Core.Admin;
using RelayCluster.Node.Tests.Admin;
using RelayCluster.Testing.Upstreams;
using static Microsoft.Playwright.Assertions;

namespace RelayCluster.Node.Tests.Dashboard;

public class DashboardBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Token = "dashboard-token";

    [Fact]
    public async Task Page_NodeWithOneRule_ListsTheNodeTheRuleAndItsUpstream()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var node = await HostFixture.StartAsync(Rule("game", echo.EndPoint), Token);
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, node.Host.Admin.Url);

        await Expect(dashboard.Page.Locator("#members tr[data-node=\"host-test\"]")).ToContainTextAsync("up");
        await Expect(dashboard.Page.Locator("#node-id")).ToHaveTextAsync("host-test");
        await Expect(dashboard.Rule("game")).ToContainTextAsync("udp");
        await Expect(dashboard.Upstream("game", echo.EndPoint.ToString())).ToContainTextAsync("enabled");
        await Expect(dashboard.Rule("game").Locator("svg.spark")).ToBeVisibleAsync();

        dashboard.AssertOnlyLoopbackRequests();
    }

    [Fact]
    public async Task Page_RuleAppliedWithRelayctl_AppearsWithoutReload()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var node = await HostFixture.StartAsync(Rule("game", echo.EndPoint), Token);
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, node.Host.Admin.Url);
        await Expect(dashboard.Rule("game")).ToBeVisibleAsync();
        var file = Path.Combine(Path.GetDirectoryName(node.ConfigFile)!, "voice.hocon");
        await File.WriteAllTextAsync(file, $"relay.rules {{ {Rule("voice", echo.EndPoint)} }}");

        var (exitCode, output, error) = await RelayctlAsync(node, "rules", "apply", "-f", file);

        Assert.True(exitCode == 0, output + error);
        await Expect(dashboard.Rule("voice")).ToContainTextAsync("udp");
        await Expect(dashboard.Upstream("voice", echo.EndPoint.ToString())).ToBeVisibleAsync();
        Assert.Equal(1, dashboard.Navigations);
        dashboard.AssertOnlyLoopbackRequests();
    }

    [Fact]
    public async Task Drain_ClickedWithWrongTokenThenRightToken_RefusedThenDraining()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var node = await HostFixture.StartAsync(Rule("game", echo.EndPoint), Token);
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, node.Host.Admin.Url);
        var upstream = dashboard.Upstream("game", echo.EndPoint.ToString());
        await Expect(upstream.Locator(".admin-state")).ToHaveTextAsync("enabled");

        await dashboard.Page.FillAsync("#token", "wrong-token");
        await upstream.Locator("button[data-action=drain]").ClickAsync();

        await Expect(dashboard.Page.Locator("#message")).ToContainTextAsync("refused");
        Assert.Equal("enabled", await AdminStateAsync(node, echo.EndPoint));

        await dashboard.Page.FillAsync("#token", Token);
        await upstream.Locator("button[data-action=drain]").ClickAsync();

        await Expect(upstream.Locator(".admin-state")).ToHaveTextAsync("draining");
        Assert.Equal("draining", await AdminStateAsync(node, echo.EndPoint));
        dashboard.AssertOnlyLoopbackRequests();
    }

    private static string Rule(string name, IPEndPoint upstream) =>
        $$"""{{name}} { protocol = udp, listen = "127.0.0.1:0", upstreams = ["{{upstream}}"] }""";

    private static async Task<string> AdminStateAsync(HostFixture node, IPEndPoint upstream)
    {
        var list = await node.Http.GetFromJsonAsync<UpstreamListDto>(AdminRoutes.Upstreams, AdminJson.Options);
        return list!.Upstreams.Single(u => u.Address == upstream.ToString()).AdminState;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RelayctlAsync(HostFixture node, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, static _ => null);
        var exitCode = await Relayctl.RunAsync(["--node", node.Host.Admin.Url.ToString(), "--token", Token, .. args], context);
        return (exitCode, output.ToString(), error.ToString());
    }
}
