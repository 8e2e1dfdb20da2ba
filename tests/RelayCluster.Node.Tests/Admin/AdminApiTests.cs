using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RelayCluster.Core.Admin;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Tests.Metrics;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Admin;

public class AdminApiTests
{
    private const string Token = "s3cret-token";
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(5);

    private static string UdpRule(string name, IPEndPoint upstream) =>
        $$"""{{name}} { protocol = udp, listen = "127.0.0.1:0", upstreams = ["{{upstream}}"] }""";

    [Fact]
    public async Task Reads_LiveNode_AnswerJsonWithTheNodeClusterAndRules()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var node = await HostFixture.StartAsync(UdpRule("game", echo.EndPoint));

        var status = await node.Http.GetFromJsonAsync<NodeStatusDto>(AdminRoutes.Node, AdminJson.Options);
        var cluster = await node.Http.GetFromJsonAsync<ClusterDto>(AdminRoutes.Cluster, AdminJson.Options);
        var rules = await node.Http.GetFromJsonAsync<RuleListDto>(AdminRoutes.Rules, AdminJson.Options);

        Assert.Equal("host-test", status!.Id);
        Assert.Equal("up", status.Status);
        Assert.True(status.Ready);
        Assert.Equal(new BackplaneDto("embedded", true), status.Backplane);
        var member = Assert.Single(cluster!.Members);
        Assert.Equal(("host-test", "up", "reachable"), (member.Id, member.Status, member.Reachability));
        Assert.Equal(node.Host.Admin.Url.ToString().TrimEnd('/'), member.AdminUrl);
        var rule = Assert.Single(rules!.Rules);
        Assert.Equal(("game", "udp", 1L), (rule.Name, rule.Protocol, rule.Revision));
        Assert.Equal(HttpStatusCode.OK, (await node.Http.GetAsync(AdminRoutes.Healthz)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await node.Http.GetAsync(AdminRoutes.Readyz)).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    [InlineData("s3cret-tokeN")]
    public async Task Mutations_WithoutTheToken_Get401AndChangeNothing(string? token)
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var node = await HostFixture.StartAsync(UdpRule("game", echo.EndPoint), Token);
        var before = await node.Http.GetStringAsync(AdminRoutes.Rules);
        var requests = new[]
        {
            HostFixture.Request(HttpMethod.Put, AdminRoutes.Rule("other"), token, $$"""{ protocol = udp, listen = "127.0.0.1:0", upstreams = ["{{echo.EndPoint}}"] }"""),
            HostFixture.Request(HttpMethod.Delete, AdminRoutes.Rule("game"), token),
            HostFixture.Request(HttpMethod.Post, AdminRoutes.UpstreamAction("game", echo.EndPoint.ToString(), "disable"), token),
            HostFixture.Request(HttpMethod.Post, AdminRoutes.MemberDown("host-test"), token),
            HostFixture.Request(HttpMethod.Post, AdminRoutes.NodeLeave, token),
        };

        foreach (var request in requests)
        {
            using var response = await node.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(AdminJson.ProblemContentType, response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(before, await node.Http.GetStringAsync(AdminRoutes.Rules));
        Assert.Equal(UpstreamAdminState.Enabled, node.Host.Node.Rule("game").Upstreams[0].AdminState);
        Assert.Equal("up", (await node.Http.GetFromJsonAsync<NodeStatusDto>(AdminRoutes.Node, AdminJson.Options))!.Status);
    }

    [Theory]
    [InlineData("{ \"protocol\": \"udp\", \"listen\": ")]
    [InlineData("{ protocol = udp, listen = \"127.0.0.1:0\" upstreams = [ }")]
    [InlineData("{ protocol = udpx, listen = \"127.0.0.1:0\", upstreams = [\"127.0.0.1:9\"] }")]
    [InlineData("{ protocol = udp, listen = \"127.0.0.1:99999\", upstreams = [\"127.0.0.1:9\"] }")]
    [InlineData("   ")]
    public async Task PutRule_MalformedBody_Gets400WithAReasonAndChangesNothing(string body)
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var node = await HostFixture.StartAsync(UdpRule("game", echo.EndPoint), Token);
        var before = await node.Http.GetStringAsync(AdminRoutes.Rules);

        using var response = await node.Http.SendAsync(HostFixture.Request(HttpMethod.Put, AdminRoutes.Rule("game"), Token, body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>(AdminJson.Options);
        Assert.Equal(400, problem!.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        Assert.Equal(before, await node.Http.GetStringAsync(AdminRoutes.Rules));
        Assert.Single(node.Host.Node.Rules);
    }

    [Fact]
    public async Task PutRule_BadHocon_ReasonNamesLineAndColumn()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var node = await HostFixture.StartAsync(UdpRule("game", echo.EndPoint));

        using var response = await node.Http.PutAsync(AdminRoutes.Rule("x"), new StringContent("{\n  protocol = udp\n  listen = \"127.0.0.1:0\"\n  upstreams = [\"127.0.0.1:9\"]\n  balance = fastest\n}"));

        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>(AdminJson.Options);
        var error = Assert.Single(problem!.Errors!);
        Assert.StartsWith("rules/x:5:", error, StringComparison.Ordinal);
        Assert.Contains("fastest", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutRule_DryRun_ReportsTheChangeAndChangesNothing()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var node = await HostFixture.StartAsync(UdpRule("game", echo.EndPoint), Token);
        var before = await node.Http.GetStringAsync(AdminRoutes.Rules);

        using var response = await node.Http.SendAsync(HostFixture.Request(
            HttpMethod.Put, AdminRoutes.Rule("other") + "?dry-run=true", Token, $$"""{ protocol = udp, listen = "127.0.0.1:0", upstreams = ["{{echo.EndPoint}}"] }"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new RuleWriteDto("other", "created", 0, true), await response.Content.ReadFromJsonAsync<RuleWriteDto>(AdminJson.Options));
        Assert.Equal(before, await node.Http.GetStringAsync(AdminRoutes.Rules));
        Assert.Null(node.Host.Node.FindRule("other"));
    }

    [Fact]
    public async Task PutAndDeleteRule_WithToken_AppliedOnTheNodeAndRevisionChecked()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var node = await HostFixture.StartAsync(UdpRule("game", echo.EndPoint), Token);
        var body = $$"""{ protocol = udp, listen = "127.0.0.1:0", upstreams = ["{{echo.EndPoint}}"] }""";

        using var created = await node.Http.SendAsync(HostFixture.Request(HttpMethod.Put, AdminRoutes.Rule("other"), Token, body));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var written = await created.Content.ReadFromJsonAsync<RuleWriteDto>(AdminJson.Options);
        await Eventually.TrueAsync(() => node.Host.Node.FindRule("other") is not null, "the new rule to run");
        using (var peer = new UdpPeer(node.Host.Node.Rule("other").Listener.LocalEndPoint))
        {
            Assert.NotNull(await peer.RoundTripAsync([1], s_replyTimeout));
        }

        var stale = HostFixture.Request(HttpMethod.Put, AdminRoutes.Rule("other"), Token, body.Replace("udp", "tcp", StringComparison.Ordinal));
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{written!.Revision - 1}\"");
        using var conflict = await node.Http.SendAsync(stale);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        using var deleted = await node.Http.SendAsync(HostFixture.Request(HttpMethod.Delete, AdminRoutes.Rule("other"), Token));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await Eventually.TrueAsync(() => node.Host.Node.FindRule("other") is null, "the deleted rule to stop");
        using var missing = await node.Http.SendAsync(HostFixture.Request(HttpMethod.Delete, AdminRoutes.Rule("other"), Token));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task UpstreamDrain_WithToken_SetsTheAdminStateAndBadActionGets400()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var node = await HostFixture.StartAsync(UdpRule("game", echo.EndPoint));
        var address = echo.EndPoint.ToString();

        using var drained = await node.Http.PostAsync(AdminRoutes.UpstreamAction("game", address, "drain"), null);
        using var bad = await node.Http.PostAsync(AdminRoutes.UpstreamAction("game", address, "explode"), null);
        using var unknown = await node.Http.PostAsync(AdminRoutes.UpstreamAction("game", "127.0.0.1:1", "drain"), null);

        Assert.Equal(HttpStatusCode.OK, drained.StatusCode);
        await Eventually.TrueAsync(() => node.Host.Node.Rule("game").Upstreams[0].AdminState == UpstreamAdminState.Draining, "the upstream to drain");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var upstreams = await node.Http.GetFromJsonAsync<UpstreamListDto>(AdminRoutes.Upstreams, AdminJson.Options);
        Assert.Equal("draining", Assert.Single(upstreams!.Upstreams).AdminState);
    }

    [Fact]
    public async Task RuleChange_EmbeddedBackplane_SurvivesANodeRestart()
    {
        await using var echo = UdpEchoUpstream.Start();
        string configFile;
        await using (var first = await HostFixture.StartAsync(UdpRule("game", echo.EndPoint)))
        {
            configFile = first.ConfigFile;
            using var put = await first.Http.PutAsync(AdminRoutes.Rule("added"), new StringContent($$"""{ protocol = udp, listen = "127.0.0.1:0", upstreams = ["{{echo.EndPoint}}"] }"""));
            using var drain = await first.Http.PostAsync(AdminRoutes.UpstreamAction("game", echo.EndPoint.ToString(), "drain"), null);
            using var delete = await first.Http.DeleteAsync(AdminRoutes.Rule("game"));
            Assert.True(put.IsSuccessStatusCode && drain.IsSuccessStatusCode && delete.IsSuccessStatusCode);
        }

        await using var second = await HostFixture.StartFromFileAsync(configFile);

        Assert.NotNull(second.Host.Node.FindRule("added"));
        Assert.Null(second.Host.Node.FindRule("game"));
        using var peer = new UdpPeer(second.Host.Node.Rule("added").Listener.LocalEndPoint);
        Assert.NotNull(await peer.RoundTripAsync([1], s_replyTimeout));
    }

    [Fact]
    public async Task Metrics_AfterTraffic_StrictFormatAndExactDatagramCounts()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var node = await HostFixture.StartAsync(UdpRule("game", echo.EndPoint));
        using var peer = new UdpPeer(node.Host.Node.Rule("game").Listener.LocalEndPoint);
        const int sent = 250;
        for (var i = 0; i < sent; i++)
        {
            Assert.NotNull(await peer.RoundTripAsync([(byte)i], s_replyTimeout));
        }

        using var response = await node.Http.GetAsync(AdminRoutes.Metrics);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var exposition = PrometheusTextChecker.Check(text);
        Assert.Equal(sent, exposition.Value("relay_datagrams_total", ("rule", "game"), ("direction", "client-to-upstream")));
        Assert.Equal(sent, exposition.Value("relay_datagrams_total", ("rule", "game"), ("direction", "upstream-to-client")));
        Assert.Equal(1, exposition.Value("relay_backplane_connected"));
    }

    [Fact]
    public async Task Requests_TooLargeOrUnknownRouteOrBadQuery_GetProblems()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var node = await HostFixture.StartAsync(UdpRule("game", echo.EndPoint));

        using var large = await node.Http.PutAsync(AdminRoutes.Rule("big"), new StringContent(new string('x', 2 << 20)));
        using var unknown = await node.Http.GetAsync("/api/nothing");
        using var limit = await node.Http.GetAsync(AdminRoutes.Sessions + "?limit=lots");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, limit.StatusCode);
        using var document = JsonDocument.Parse(await limit.Content.ReadAsStringAsync());
        Assert.Contains("limit", document.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
