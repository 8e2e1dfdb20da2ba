using Microsoft.Extensions.Logging.Abstractions;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Hosting;
using RelayCluster.Node.Sessions;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Metrics;

public class OtlpExportTests
{
    [Fact]
    public async Task Export_OtlpEndpointConfigured_ReceiverGetsTheRelayMetrics()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var echo = UdpEchoUpstream.Start();
        var config = new RelayConfig
        {
            Node = new NodeConfig { Id = "otlp-node" },
            Rules = [NodeFixture.UdpRule([echo.EndPoint])],
            Metrics = new MetricsConfig { Otlp = new OtlpConfig { Endpoint = receiver.Endpoint, Interval = TimeSpan.FromMilliseconds(200) } },
        };
        await using var node = await RelayNode.StartAsync(config, NullLoggerFactory.Instance, new SessionBudget(1000));
        using var peer = new UdpPeer(node.Rule("test").Listener.LocalEndPoint);
        Assert.NotNull(await peer.RoundTripAsync([1, 2, 3], TimeSpan.FromSeconds(5)));

        string[] expected = ["relay_datagrams_total", "relay_bytes_total", "relay_drops_total", "relay_sessions_active", "relay_upstream_health"];
        await Eventually.TrueAsync(() => expected.All(receiver.Names.Contains), "the relay's metrics at the OTLP receiver", TimeSpan.FromSeconds(30));

        Assert.All(receiver.ContentTypes, type => Assert.Equal("application/x-protobuf", type));
    }
}
