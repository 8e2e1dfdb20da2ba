namespace RelayCluster.Core.Tests.Configuration;

public class UpstreamLoopTests
{
    [Theory]
    [InlineData("127.0.0.1:27015", "127.0.0.1:27015")]
    [InlineData("10.0.0.5:27015", "10.0.0.5:27015")]
    [InlineData("0.0.0.0:27015", "127.0.0.1:27015")]
    [InlineData("0.0.0.0:27015", "127.0.0.2:27015")]
    [InlineData("0.0.0.0:27015", "localhost:27015")]
    [InlineData("0.0.0.0:27015", "0.0.0.0:27015")]
    [InlineData("127.0.0.1:27015", "0.0.0.0:27015")]
    [InlineData("127.0.0.1:27015", "LocalHost:27015")]
    [InlineData("[::]:27015", "[::1]:27015")]
    [InlineData("[::]:27015", "127.0.0.1:27015")]
    [InlineData("[::1]:27015", "[::1]:27015")]
    [InlineData("[::ffff:10.0.0.5]:27015", "10.0.0.5:27015")]
    public void Bind_UpstreamIsTheRulesOwnListenAddress_ErrorAtTheUpstream(string listen, string upstream)
    {
        var line = $$"""relay.rules.game { protocol = tcp, listen = "{{listen}}", upstreams = ["10.0.0.11:27015", "{{upstream}}"] }""";

        var error = ConfigText.SingleError(line);

        Assert.Equal((1, line.LastIndexOf($"\"{upstream}\"", StringComparison.Ordinal) + 1), (error.Position.Line, error.Position.Column));
        Assert.StartsWith($"relay.rules.game.upstreams[1]: '{upstream}' is the rule's own listen address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_LoopInObjectForm_ErrorAtTheAddress()
    {
        const string line = """relay.rules.game { protocol = udp, listen = "0.0.0.0:27015", upstreams = [{ address = "127.0.0.1:27015", weight = 2 }] }""";

        var error = ConfigText.SingleError(line);

        Assert.Equal(ConfigText.ColumnOf(line, "\"127.0.0.1:27015\""), error.Position.Column);
        Assert.StartsWith("relay.rules.game.upstreams[0].address: '127.0.0.1:27015' is the rule's own listen address (0.0.0.0:27015)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0.0.0:27015", "127.0.0.1:27016")]
    [InlineData("127.0.0.1:27015", "127.0.0.2:27015")]
    [InlineData("0.0.0.0:27015", "10.0.0.11:27015")]
    [InlineData("0.0.0.0:27015", "[::1]:27015")]
    [InlineData("127.0.0.1:27015", "game.internal:27015")]
    [InlineData("127.0.0.1:0", "127.0.0.1:1")]
    public void Bind_UpstreamElsewhere_Valid(string listen, string upstream)
    {
        var config = ConfigText.Valid($$"""relay.rules.game { protocol = udp, listen = "{{listen}}", upstreams = ["{{upstream}}"] }""");

        Assert.Equal(upstream, Assert.Single(config.Rules[0].Upstreams).Address);
    }

    [Fact]
    public void Bind_UpstreamIsAnotherRulesListenAddress_ValidChain()
    {
        var config = ConfigText.Valid("""
            relay.rules {
              front { protocol = tcp, listen = "0.0.0.0:8443", upstreams = ["127.0.0.1:9000"] }
              back { protocol = tcp, listen = "127.0.0.1:9000", upstreams = ["10.0.0.11:9000"] }
            }
            """);

        Assert.Equal(2, config.Rules.Count);
    }
}
