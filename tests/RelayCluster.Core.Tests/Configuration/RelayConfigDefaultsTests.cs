using System.Net;
using RelayCluster.Core.Balancing;
using RelayCluster.Core.Configuration;

namespace RelayCluster.Core.Tests.Configuration;

public class RelayConfigDefaultsTests
{
    [Fact]
    public void Bind_EmptyFile_UsesEveryDefault()
    {
        var config = ConfigText.Valid("");

        Assert.Equal($"{Environment.MachineName}-9110", config.Node.Id);
        Assert.Empty(config.Node.Roles);
        Assert.Null(config.Node.ListenAddress);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 9110), config.Node.Admin.Bind);
        Assert.Null(config.Node.Admin.Token);
        Assert.Equal(TimeSpan.FromSeconds(10), config.Node.ShutdownGrace);

        Assert.Equal("default", config.Cluster.Name);
        Assert.Equal(BackplaneKind.Embedded, config.Cluster.Backplane);
        Assert.Empty(config.Cluster.Akka.SeedNodes);
        Assert.Equal(4053, config.Cluster.Akka.Bind.Port);
        Assert.Equal(TimeSpan.FromSeconds(1), config.Cluster.StatsInterval);

        Assert.Empty(config.Rules);
        Assert.Equal(RelayLogLevel.Information, config.Log.Level);
        Assert.Equal(LogFormat.Text, config.Log.Format);
        Assert.Null(config.Metrics.Otlp);
    }

    [Fact]
    public void Bind_OtlpEndpoint_EnablesExportWithDefaultInterval()
    {
        var config = ConfigText.Valid("relay.metrics.otlp.endpoint = \"http://127.0.0.1:4318/v1/metrics\"");

        Assert.Equal(new Uri("http://127.0.0.1:4318/v1/metrics"), config.Metrics.Otlp?.Endpoint);
        Assert.Equal(TimeSpan.FromSeconds(15), config.Metrics.Otlp?.Interval);
    }

    [Fact]
    public void Bind_MinimalUdpRule_UsesRuleDefaults()
    {
        var rule = Assert.Single(ConfigText.Valid(ConfigText.GameRule).Rules);

        Assert.Equal("game", rule.Name);
        Assert.Equal(RuleProtocol.Udp, rule.Protocol);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 27015), rule.Listen);
        var upstream = Assert.Single(rule.Upstreams);
        Assert.Equal(("10.0.0.11:27015", "10.0.0.11", 27015, 1), (upstream.Address, upstream.Host, upstream.Port, upstream.Weight));
        Assert.Equal("round-robin", rule.Balance);
        Assert.Equal(LoadScope.Node, rule.LoadScope);
        Assert.Equal(new SessionConfig(), rule.Session);
        Assert.Equal(TimeSpan.FromSeconds(60), rule.Session.IdleTimeout);
        Assert.Equal((10_000, 0, 2048), (rule.Session.Max, rule.Session.MaxPerClientIp, rule.Session.MaxDatagram));
        Assert.Equal(TimeSpan.FromSeconds(10), rule.Session.ReclaimAfter);
        Assert.Equal((TimeSpan.FromSeconds(3), 3), (rule.Session.ConnectTimeout, rule.Session.ConnectAttempts));
        Assert.Equal(HealthCheckKind.None, rule.Health.Check);
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 2, 3), (rule.Health.Interval, rule.Health.Timeout, rule.Health.Rise, rule.Health.Fall));
        Assert.True(rule.Health.UdpProbe.Send.IsEmpty);
        Assert.Empty(rule.Access.Allow);
        Assert.Empty(rule.Access.Deny);
        Assert.False(rule.RateLimit.IsEnabled);
        Assert.Equal(65_536, rule.RateLimit.MaxClients);
        Assert.Equal(ProxyProtocolVersion.None, rule.ProxyProtocol);
    }

    [Fact]
    public void Bind_Rule_KeepsThePositionOfItsName()
    {
        var config = ConfigText.Valid("""
            relay {
              rules {
                game { protocol = udp, listen = "0.0.0.0:27015", upstreams = ["10.0.0.11:27015"] }
              }
            }
            """);

        Assert.Equal(new Hocon.HoconPosition(ConfigText.File, 3, 5), config.Rules[0].Position);
    }

    [Fact]
    public void Bind_TcpRuleWithoutIdleTimeout_DefaultsToTenMinutes()
    {
        var config = ConfigText.Valid("""relay.rules.web { protocol = tcp, listen = "[::]:8443", upstreams = ["web-1.internal:8443"] }""");

        Assert.Equal(TimeSpan.FromMinutes(10), config.Rules[0].Session.IdleTimeout);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Any, 8443), config.Rules[0].Listen);
    }

    [Fact]
    public void Bind_AdminPort_NamesTheDefaultNodeId()
    {
        var config = ConfigText.Valid("""relay.node.admin.bind = "127.0.0.1:9200" """);

        Assert.Equal($"{Environment.MachineName}-9200", config.Node.Id);
    }

    [Fact]
    public void Bind_DesignExample_BindsEveryKey()
    {
        var config = ConfigText.Valid("""
            relay {
              node {
                id = node-a
                roles = [edge, eu]
                listen-address = "10.0.0.5"
                admin { bind = "0.0.0.0:9110", token = secret }
                shutdown-grace = 0s
              }
              cluster {
                name = prod
                backplane = akka
                akka { bind = "10.0.0.5:4053", seed-nodes = ["10.0.0.2:4053", "relay-2.internal:4053"] }
                stats-interval = 2s
              }
              rules {
                game-eu {
                  protocol = udp
                  listen = "0.0.0.0:27015"
                  balance = least-sessions
                  load-scope = cluster
                  upstreams = [ "10.0.0.11:27015", { address = "10.0.0.12:27015", weight = 3 } ]
                  session { idle-timeout = 30s, max = 50000, max-per-client-ip = 8, reclaim-after = 2s, max-datagram = 1KiB }
                  health {
                    check = udp-probe
                    interval = 3s, timeout = 1500ms, rise = 1, fall = 5
                    udp-probe { send = "hex:FFFFFFFF54", expect = "pong" }
                  }
                  access { allow = ["10.0.0.0/8", "2001:db8::/32"], deny = ["203.0.113.7"] }
                  rate-limit { packets-per-second = 100, bytes-per-second = 64KiB, burst = 200, max-clients = 4096 }
                  proxy-protocol = v2
                }
              }
              log { level = debug, format = json }
            }
            """);

        Assert.Equal("node-a", config.Node.Id);
        Assert.Equal(["edge", "eu"], config.Node.Roles);
        Assert.Equal(IPAddress.Parse("10.0.0.5"), config.Node.ListenAddress);
        Assert.Equal(("secret", 9110), (config.Node.Admin.Token, config.Node.Admin.Bind.Port));
        Assert.Equal(TimeSpan.Zero, config.Node.ShutdownGrace);
        Assert.Equal(("prod", BackplaneKind.Akka, 4053), (config.Cluster.Name, config.Cluster.Backplane, config.Cluster.Akka.Bind.Port));
        Assert.Equal(2, config.Cluster.Akka.SeedNodes.Count);
        Assert.Equal(TimeSpan.FromSeconds(2), config.Cluster.StatsInterval);

        var rule = Assert.Single(config.Rules);
        Assert.Equal(("least-sessions", LoadScope.Cluster), (rule.Balance, rule.LoadScope));
        Assert.Equal(3, rule.Upstreams[1].Weight);
        Assert.Equal((30, 50000, 8, 1024), ((int)rule.Session.IdleTimeout.TotalSeconds, rule.Session.Max, rule.Session.MaxPerClientIp, rule.Session.MaxDatagram));
        Assert.Equal(TimeSpan.FromSeconds(2), rule.Session.ReclaimAfter);
        Assert.Equal(HealthCheckKind.UdpProbe, rule.Health.Check);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x54 }, rule.Health.UdpProbe.Send.ToArray());
        Assert.Equal("pong"u8.ToArray(), rule.Health.UdpProbe.Expect.ToArray());
        Assert.Equal((1, 5), (rule.Health.Rise, rule.Health.Fall));
        Assert.Equal(["10.0.0.0/8", "2001:db8::/32"], rule.Access.Allow.Select(range => range.ToString()));
        Assert.Equal("203.0.113.7/32", Assert.Single(rule.Access.Deny).ToString());
        Assert.Equal((100L, 65536L, 200L, 4096), (rule.RateLimit.PacketsPerSecond, rule.RateLimit.BytesPerSecond, rule.RateLimit.Burst, rule.RateLimit.MaxClients));
        Assert.Equal(ProxyProtocolVersion.V2, rule.ProxyProtocol);
        Assert.Equal((RelayLogLevel.Debug, LogFormat.Json), (config.Log.Level, config.Log.Format));
    }

    [Fact]
    public void Bind_RulesInFileOrder_KeepsOrder()
    {
        var config = ConfigText.Valid("""
            relay.rules {
              b { protocol = udp, listen = "0.0.0.0:1", upstreams = ["h:1"] }
              a { protocol = tcp, listen = "0.0.0.0:1", upstreams = ["h:1"] }
            }
            """);

        Assert.Equal(["b", "a"], config.Rules.Select(rule => rule.Name));
        Assert.Equal("a", config.FindRule("a")?.Name);
    }

    [Fact]
    public void Bind_OtherTopLevelKeys_AreIgnored()
    {
        var config = ConfigText.Valid("""
            ports { game = 27015 }
            relay.rules.game { protocol = udp, listen = "0.0.0.0:"${ports.game}, upstreams = ["10.0.0.11:"${ports.game}] }
            """);

        Assert.Equal(27015, config.Rules[0].Listen.Port);
    }
}
