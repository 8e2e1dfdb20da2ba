using System.Net;
using RelayCluster.Core.Configuration;

namespace RelayCluster.Core.Tests.Configuration;

public class ListenConflictTests
{
    [Theory]
    [InlineData("udp", "0.0.0.0:7000", "udp", "0.0.0.0:7000", true)]
    [InlineData("udp", "0.0.0.0:7000", "udp", "127.0.0.1:7000", true)]
    [InlineData("udp", "127.0.0.1:7000", "udp", "0.0.0.0:7000", true)]
    [InlineData("tcp", "[::]:7000", "tcp", "127.0.0.1:7000", true)]
    [InlineData("tcp", "[::1]:7000", "tcp", "[::]:7000", true)]
    [InlineData("udp", "0.0.0.0:7000", "tcp", "0.0.0.0:7000", false)]
    [InlineData("udp", "127.0.0.1:7000", "udp", "127.0.0.2:7000", false)]
    [InlineData("udp", "0.0.0.0:7000", "udp", "[::1]:7000", false)]
    [InlineData("udp", "0.0.0.0:7000", "udp", "0.0.0.0:7001", false)]
    [InlineData("udp", "0.0.0.0:0", "udp", "0.0.0.0:0", false)]
    public void Bind_TwoRules_ConflictOnlyWhenSameProtocolAndOverlappingAddress(string protocolA, string listenA, string protocolB, string listenB, bool conflict)
    {
        var text = $$"""
            relay.rules {
              a { protocol = {{protocolA}}, listen = "{{listenA}}", upstreams = ["h:1"] }
              b { protocol = {{protocolB}}, listen = "{{listenB}}", upstreams = ["h:1"] }
            }
            """;

        var result = ConfigText.Bind(text);

        if (conflict)
        {
            var error = Assert.Single(result.Errors);
            Assert.Equal(3, error.Position.Line);
            Assert.Equal(text.Split('\n')[2].IndexOf('"', StringComparison.Ordinal) + 1, error.Position.Column);
            Assert.StartsWith($"relay.rules.b.listen: {protocolB} {IPEndPoint.Parse(listenB)} overlaps rule 'a' ({protocolA} {IPEndPoint.Parse(listenA)}); two {protocolB} rules cannot share a port", error.Message);
        }
        else
        {
            Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        }
    }

    [Fact]
    public void Bind_TcpRuleOnAdminPort_Conflicts()
    {
        var error = ConfigText.SingleError("""relay.rules.web { protocol = tcp, listen = "0.0.0.0:9110", upstreams = ["h:1"] }""");

        Assert.Equal("relay.rules.web.listen: tcp 0.0.0.0:9110 overlaps the admin API at relay.node.admin.bind (127.0.0.1:9110)", error.Message);
    }

    [Fact]
    public void FindListenConflicts_RulesFromTwoSources_ReportsAtTheLaterRule()
    {
        var running = ConfigText.Valid("""relay.rules.a { protocol = udp, listen = "0.0.0.0:7000", upstreams = ["h:1"] }""").Rules[0];
        var applied = running with { Name = "b", Listen = new IPEndPoint(IPAddress.Loopback, 7000) };

        var error = Assert.Single(RelayConfigLoader.FindListenConflicts([running, applied]));

        Assert.Equal(applied.Position, error.Position);
        Assert.StartsWith("relay.rules.b.listen: udp 127.0.0.1:7000 overlaps rule 'a'", error.Message);
    }
}
