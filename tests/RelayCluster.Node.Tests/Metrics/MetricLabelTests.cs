using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Hosting;
using RelayCluster.Node.Sessions;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Metrics;

public partial class MetricLabelTests
{
    // Labels whose values the operator names (rules, upstream addresses, node ids) are left as written; le is a number.
    private static readonly string[] s_namedByOperator = ["rule", "upstream", "node", "le"];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [Fact]
    public void ReasonNames_EveryDropAndCloseReason_IsKebabCase()
    {
        Assert.All(Enum.GetValues<DropReason>(), reason => Assert.Matches(KebabCase(), DropReasons.Name(reason)));
        Assert.All(SessionCloseReasons.All, reason => Assert.Matches(KebabCase(), SessionCloseReasons.Name(reason)));
        Assert.Equal("client-tls-failed", SessionCloseReasons.Name(SessionCloseReason.ClientTlsFailed));
    }

    [Fact]
    public async Task Render_UdpAndTcpRulesWithMembers_EveryLabelValueIsKebabCase()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var tcpEcho = TcpEchoUpstream.Start();
        var udp = NodeFixture.UdpRule([echo.EndPoint]) with { Name = "game" };
        var tcp = NodeFixture.TcpRule([tcpEcho.EndPoint]) with { Name = "web" };
        await using var node = await RelayNode.StartAsync(
            new RelayConfig { Node = new NodeConfig { Id = "test-node" }, Rules = [udp, tcp] }, NullLoggerFactory.Instance, new SessionBudget(100_000));
        node.Metrics.Members = static () => [new("up", 1), new("unreachable", 1)];
        using var peer = new UdpPeer(node.Rule(udp.Name).Listener.LocalEndPoint);
        Assert.NotNull(await peer.RoundTripAsync([1], TimeSpan.FromSeconds(5)));

        var exposition = PrometheusTextChecker.Check(await node.Metrics.Prometheus.ScrapeAsync());

        var values = exposition.Samples.SelectMany(sample => sample.Labels)
            .Where(label => !s_namedByOperator.Contains(label.Key))
            .Select(label => label.Value)
            .Distinct()
            .ToList();
        Assert.Contains("client-tls-failed", values);
        Assert.Contains("client-to-upstream", values);
        Assert.All(values, value => Assert.Matches(KebabCase(), value));
    }
}
