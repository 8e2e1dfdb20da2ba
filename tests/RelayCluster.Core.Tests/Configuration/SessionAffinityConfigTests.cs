using RelayCluster.Core.Configuration;

namespace RelayCluster.Core.Tests.Configuration;

public class SessionAffinityConfigTests
{
    private const string Rule = """relay.rules.game { protocol = udp, listen = "0.0.0.0:27015", upstreams = ["10.0.0.11:27015"]""";
    private const string TcpRule = """relay.rules.web { protocol = tcp, listen = "0.0.0.0:8443", upstreams = ["10.0.0.11:8443"]""";

    [Theory]
    [InlineData(Rule + " }", SessionAffinity.Cluster)]
    [InlineData(TcpRule + " }", SessionAffinity.Node)]
    [InlineData(Rule + ", session.affinity = node }", SessionAffinity.Node)]
    [InlineData(Rule + ", session { affinity = cluster } }", SessionAffinity.Cluster)]
    [InlineData(TcpRule + ", session.affinity = node }", SessionAffinity.Node)]
    public void Bind_Affinity_DefaultsToClusterForUdpAndNodeForTcp(string text, SessionAffinity expected)
    {
        Assert.Equal(expected, ConfigText.Valid(text).Rules[0].Session.Affinity);
    }

    [Theory]
    [InlineData(TcpRule + ", session { affinity = cluster } }", "cluster", "relay.rules.web.session.affinity: cluster affinity keeps a udp client's upstream on another node; a tcp client reconnects from a new port, so a tcp rule can only be node")]
    [InlineData(Rule + ", session { affinity = sticky } }", "sticky", "relay.rules.game.session.affinity: unknown value 'sticky'; allowed: cluster, node")]
    public void Bind_BadAffinity_ReportsItWithPositionAndMessage(string text, string marker, string message)
    {
        var error = ConfigText.SingleError(text);

        Assert.Equal($"{ConfigText.File}:1:{ConfigText.ColumnOf(text, marker)}: {message}", error.ToString());
    }
}
