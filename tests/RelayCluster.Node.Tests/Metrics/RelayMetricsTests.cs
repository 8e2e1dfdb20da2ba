using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Hosting;
using RelayCluster.Node.Metrics;
using RelayCluster.Node.Rules;
using RelayCluster.Node.Sessions;
using RelayCluster.Node.Tests.Admission;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Metrics;

public class RelayMetricsTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    private static readonly string[] s_families =
    [
        "relay_sessions_active", "relay_sessions_opened_total", "relay_sessions_closed_total", "relay_datagrams_total",
        "relay_bytes_total", "relay_drops_total", "relay_upstream_health", "relay_upstream_admin_state", "relay_upstream_available",
        "relay_probe_duration_seconds", "relay_session_duration_seconds", "relay_backplane_connected", "relay_members", "relay_rule_sessions", "relay_rule_sessions_max",
        "relay_affinity_entries", "relay_affinity_hits_total",
    ];

    [Fact]
    public async Task Render_LiveNodeWithTrafficProbesAndEndedSessions_PassesStrictChecker()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var tcpEcho = TcpEchoUpstream.Start();
        var udp = NodeFixture.UdpRule([echo.EndPoint], new SessionConfig { IdleTimeout = TimeSpan.FromMilliseconds(200) }) with
        {
            Name = "game-eu",
            Health = UpstreamSelectionTests.FastUdpProbe(),
        };
        var tcp = NodeFixture.TcpRule([tcpEcho.EndPoint]) with { Name = "web" };
        await using var node = await StartAsync(udp, tcp);
        var udpRule = node.Rule(udp.Name);
        using var peer = new UdpPeer(udpRule.Listener.LocalEndPoint);
        Assert.NotNull(await peer.RoundTripAsync([1, 2, 3], s_timeout));
        await Eventually.TrueAsync(() => udpRule.Counters.SessionsClosed.Count == 1, "the idle session to end");
        await Eventually.TrueAsync(() => udpRule.Upstreams[0].Health == UpstreamHealth.Healthy, "a probe verdict");

        var exposition = PrometheusTextChecker.Check(await node.Metrics.Prometheus.ScrapeAsync());

        // A family with no series is not written: relay_members has none on a node without a backplane view.
        Assert.All(s_families.Where(family => family != "relay_members"), family => Assert.Contains(family, exposition.Types.Keys));
        Assert.Equal(1, exposition.Value("relay_session_duration_seconds_count", ("rule", udp.Name)));
        Assert.True(exposition.Value("relay_probe_duration_seconds_count", ("rule", udp.Name), ("upstream", echo.EndPoint.ToString())) >= 1);
        Assert.Equal(1, exposition.Value("relay_upstream_health", ("rule", udp.Name)));
        Assert.Equal(udp.Session.Max, exposition.Value("relay_rule_sessions_max", ("rule", udp.Name)));
        Assert.Equal(0, exposition.Value("relay_upstream_health", ("rule", "web")));
        Assert.Equal(1, exposition.Value("relay_sessions_closed_total", ("rule", udp.Name), ("reason", "idle-timeout")));
        Assert.Equal(1, exposition.Value("relay_backplane_connected"));
        Assert.Empty(exposition.Find("relay_members"));
    }

    [Fact]
    public async Task DatagramsAndBytes_ThousandDatagramsEchoedThroughUdpRule_CountedExactlyEachWay()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(echo.EndPoint);
        using var peer = new UdpPeer(relay.Listen);
        var random = new Random(1234);
        long bytes = 0;
        for (var batch = 0; batch < 20; batch++)
        {
            for (var i = 0; i < 50; i++)
            {
                var datagram = new byte[random.Next(1, 513)];
                bytes += datagram.Length;
                peer.Send(datagram);
            }

            for (var i = 0; i < 50; i++)
            {
                Assert.NotNull(await peer.ReceiveAsync(s_timeout));
            }
        }

        await Eventually.TrueAsync(
            async () => (await Render(relay)).Value("relay_datagrams_total", ("rule", "test"), ("direction", MetricLabels.UpstreamToClient)) == 1000,
            "every echo to be counted");
        var exposition = await Render(relay);

        Assert.Equal(1000, exposition.Value("relay_datagrams_total", ("rule", "test"), ("direction", MetricLabels.ClientToUpstream)));
        Assert.Equal(1000, exposition.Value("relay_datagrams_total", ("rule", "test"), ("direction", MetricLabels.UpstreamToClient)));
        Assert.Equal(bytes, exposition.Value("relay_bytes_total", ("rule", "test"), ("direction", MetricLabels.ClientToUpstream)));
        Assert.Equal(bytes, exposition.Value("relay_bytes_total", ("rule", "test"), ("direction", MetricLabels.UpstreamToClient)));
        Assert.Equal(1, exposition.Value("relay_sessions_opened_total", ("rule", "test")));
        Assert.Equal(1, exposition.Value("relay_sessions_active", ("rule", "test"), ("upstream", echo.EndPoint.ToString())));
    }

    [Fact]
    public async Task Drops_OversizedDatagramAndPeerOverSessionCap_CountedUnderTheirReasons()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(echo.EndPoint, new SessionConfig { Max = 1, MaxDatagram = 512 });
        using var admitted = new UdpPeer(relay.Listen);
        using var refused = new UdpPeer(relay.Listen);
        Assert.NotNull(await admitted.RoundTripAsync([1], s_timeout));

        admitted.Send(new byte[513]);
        refused.Send([2]);

        await Eventually.TrueAsync(async () => (await Render(relay)).Find("relay_drops_total").Sum(sample => sample.Value) == 2, "both drops to be counted");
        var drops = (await Render(relay)).Find("relay_drops_total", ("rule", "test"));
        Assert.Equal(1, drops.Single(sample => sample.Label("reason") == "truncated").Value);
        Assert.Equal(1, drops.Single(sample => sample.Label("reason") == "session-limit").Value);
        Assert.All(drops.Where(sample => sample.Label("reason") is not ("truncated" or "session-limit")), sample => Assert.Equal(0, sample.Value));
    }

    [Fact]
    public async Task AdminState_UpstreamDrained_ReportedAsDrainingAndUnavailable()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(echo.EndPoint);
        var upstream = ("upstream", echo.EndPoint.ToString());

        Assert.True(await relay.Node.SetUpstreamAdminStateAsync("test", echo.EndPoint.ToString(), UpstreamAdminState.Draining));

        var exposition = await Render(relay);
        Assert.Equal((int)UpstreamAdminState.Draining, exposition.Value("relay_upstream_admin_state", upstream));
        Assert.Equal(0, exposition.Value("relay_upstream_available", upstream));
    }

    [Fact]
    public async Task Render_RuleRemovedFromTheRunningSet_ItsObservedSeriesDisappear()
    {
        await using var echoA = UdpEchoUpstream.Start();
        await using var echoB = UdpEchoUpstream.Start();
        await using var node = await StartAsync(
            NodeFixture.UdpRule([echoA.EndPoint]) with { Name = "a" },
            NodeFixture.UdpRule([echoB.EndPoint]) with { Name = "b" });
        RelayRule[] running = [.. node.Rules];
        using var metrics = new RelayMetrics(() => running);
        metrics.ProbeFinished("b", echoB.EndPoint.ToString(), TimeSpan.FromMilliseconds(3));
        var before = PrometheusTextChecker.Check(await metrics.Prometheus.ScrapeAsync());
        Assert.NotEmpty(before.Find("relay_drops_total", ("rule", "a")));
        Assert.NotEmpty(before.Find("relay_drops_total", ("rule", "b")));
        Assert.Equal(1, before.Value("relay_probe_duration_seconds_count", ("rule", "b")));

        running = [node.Rule("a")];

        var after = PrometheusTextChecker.Check(await metrics.Prometheus.ScrapeAsync());
        // Observed series vanish with the rule; recorded histograms keep their last counts until the node restarts.
        Assert.DoesNotContain(after.Samples, sample => sample.Label("rule") == "b" && !sample.Name.StartsWith("relay_probe_duration_seconds", StringComparison.Ordinal));
        Assert.NotEmpty(after.Find("relay_datagrams_total", ("rule", "a")));
    }

    [Fact]
    public async Task Backplane_CallbacksSet_ConnectionAndMembersReported()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(echo.EndPoint);

        relay.Node.Metrics.BackplaneConnected = () => false;
        relay.Node.Metrics.Members = () => [new("up", 3), new("leaving", 1)];

        var exposition = await Render(relay);
        Assert.Equal(0, exposition.Value("relay_backplane_connected"));
        Assert.Equal(3, exposition.Value("relay_members", ("status", "up")));
        Assert.Equal(1, exposition.Value("relay_members", ("status", "leaving")));
    }

    [Fact]
    public async Task Meter_ListenedByName_PublishesTheNodesInstruments()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(echo.EndPoint);
        var published = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter, relay.Node.Metrics.Meter))
                {
                    published.Add(instrument.Name);
                }
            },
        };

        listener.Start();

        Assert.Equal(RelayMetrics.MeterName, relay.Node.Metrics.Meter.Name);
        Assert.Equal(s_families.Order(StringComparer.Ordinal), published.Order(StringComparer.Ordinal));
    }

    private static async Task<PrometheusExposition> Render(NodeFixture relay) => PrometheusTextChecker.Check(await relay.Node.Metrics.Prometheus.ScrapeAsync());

    private static Task<RelayNode> StartAsync(params RuleConfig[] rules) =>
        RelayNode.StartAsync(new RelayConfig { Node = new NodeConfig { Id = "test-node" }, Rules = rules }, NullLoggerFactory.Instance, new SessionBudget(100_000));
}
