namespace RelayCluster.Core.Tests.Configuration;

public class ConfigEqualityTests
{
    private const string Full = """
        relay {
          node { roles = [edge] }
          cluster.akka.seed-nodes = ["10.0.0.2:4053"]
          rules.game {
            protocol = udp, listen = "0.0.0.0:27015"
            upstreams = ["10.0.0.11:27015", { address = "10.0.0.12:27015", weight = 3 }]
            health { check = udp-probe, udp-probe { send = "hex:FFFFFFFF54", expect = "hex:FFFFFFFF" } }
            access { deny = ["203.0.113.0/24"] }
          }
        }
        """;

    [Fact]
    public void Equals_SameTextBoundTwice_IsEqual()
    {
        var first = ConfigText.Valid(Full);
        var second = ConfigText.Valid(Full);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Equals_RuleMovedInTheFile_IsEqual()
    {
        var rule = ConfigText.Valid(Full).Rules[0];
        var moved = ConfigText.Valid("\n\n" + Full).Rules[0];

        Assert.NotEqual(rule.Position, moved.Position);
        Assert.Equal(rule, moved);
    }

    [Theory]
    [InlineData("weight = 3", "weight = 4")]
    [InlineData("hex:FFFFFFFF54", "hex:FFFFFFFF55")]
    [InlineData("203.0.113.0/24", "203.0.113.0/25")]
    [InlineData("roles = [edge]", "roles = [core]")]
    [InlineData("\"10.0.0.2:4053\"", "\"10.0.0.3:4053\"")]
    public void Equals_OneSettingChanged_IsNotEqual(string before, string after)
    {
        Assert.NotEqual(ConfigText.Valid(Full), ConfigText.Valid(Full.Replace(before, after, StringComparison.Ordinal)));
    }
}
