using RelayCluster.Core.Configuration;

namespace RelayCluster.Core.Tests.Configuration;

public class AdminTokenRedactionTests
{
    [Fact]
    public void ToString_TokenSet_RedactedInEveryRecordThatHoldsIt()
    {
        var config = ConfigText.Valid("""relay.node.admin { bind = "127.0.0.1:9110", token = "tok-5f2c9a" }""");

        foreach (var text in new[] { config.ToString(), config.Node.ToString(), config.Node.Admin.ToString() })
        {
            Assert.DoesNotContain("tok-5f2c9a", text, StringComparison.Ordinal);
            Assert.Contains("Token = <redacted>", text, StringComparison.Ordinal);
        }

        Assert.Equal("tok-5f2c9a", config.Node.Admin.Token);
    }

    [Fact]
    public void ToString_NoToken_SaysNull()
    {
        var admin = new AdminConfig();

        Assert.Equal("AdminConfig { Bind = 127.0.0.1:9110, Token = null }", admin.ToString());
    }
}
