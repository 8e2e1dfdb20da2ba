using RelayCluster.Core.Configuration;
using RelayCluster.Hocon;

namespace RelayCluster.Node.Tests.Health;

/// <summary>Binds the <c>health</c> block of a udp rule written inline in a test.</summary>
internal static class HealthConfigText
{
    public static HealthConfig Bind(string health)
    {
        var text = $$"""relay.rules.game { protocol = udp, listen = "127.0.0.1:0", upstreams = ["127.0.0.1:1"], health { {{health}} } }""";
        var result = RelayConfigLoader.Bind(HoconParser.Parse(text, "test.hocon"));
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Config!.Rules[0].Health;
    }
}
