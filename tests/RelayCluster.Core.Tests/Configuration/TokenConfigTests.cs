using RelayCluster.Core.Configuration;

namespace RelayCluster.Core.Tests.Configuration;

public class TokenConfigTests
{
    private const string Rule = """relay.rules.match { protocol = udp, listen = "0.0.0.0:7777", """;

    [Fact]
    public void Bind_TokenRule_ReadsSettingsAndTokensAsHex()
    {
        var rule = ConfigText.Valid(Rule + """
            token { position = prefix, length = 4 }, upstreams = [ { address = "10.0.0.11:7777", tokens = ["AAAA", "hex:01020304"] }, { address = "10.0.0.12:7777", tokens = ["BBBB"] } ] }
            """).Rules[0];

        Assert.Equal(new TokenConfig { Position = TokenPosition.Prefix, Length = 4, Strip = true, Rebind = false }, rule.Token);
        Assert.Equal(["41414141", "01020304"], rule.Upstreams[0].Tokens);
        Assert.Equal(["42424242"], rule.Upstreams[1].Tokens);
    }

    [Fact]
    public void Bind_NoTokenSection_NoTokenRouting()
    {
        var rule = ConfigText.Valid(ConfigText.GameRule).Rules[0];

        Assert.Null(rule.Token);
        Assert.All(rule.Upstreams, upstream => Assert.Empty(upstream.Tokens));
    }

    [Fact]
    public void Equals_TokensDiffer_RulesDiffer()
    {
        const string text = Rule + """token.length = 4, upstreams = [ { address = "10.0.0.11:7777", tokens = ["AAAA"] } ] }""";

        Assert.Equal(ConfigText.Valid(text).Rules[0], ConfigText.Valid(text).Rules[0]);
        Assert.NotEqual(ConfigText.Valid(text).Rules[0], ConfigText.Valid(text.Replace("AAAA", "AAAB", StringComparison.Ordinal)).Rules[0]);
    }

    [Theory]
    [InlineData(Rule + """token.length = 4, upstreams = [ { address = "10.0.0.11:7777", tokens = ["AAA"] } ] }""", "\"AAA\"",
        "relay.rules.match.upstreams[0].tokens[0]: the token 'AAA' is 3 bytes; the rule's token.length is 4")]
    [InlineData(Rule + """token.length = 4, upstreams = [ { address = "10.0.0.11:7777", tokens = ["hex:0102030G"] } ] }""", "\"hex:",
        "relay.rules.match.upstreams[0].tokens[0]: 'hex:0102030G' is not hex: write an even number of digits 0-9 and A-F after hex:")]
    [InlineData(Rule + """token.length = 4, upstreams = [ { address = "10.0.0.11:7777", tokens = ["AAAA"] }, { address = "10.0.0.12:7777", tokens = ["hex:41414141"] } ] }""", "\"hex:",
        "relay.rules.match.upstreams[1].tokens[0]: the token 'hex:41414141' is listed already by '10.0.0.11:7777'; a token must name one upstream")]
    [InlineData(Rule + """upstreams = [ { address = "10.0.0.11:7777", tokens = ["AAAA"] } ] }""", "[\"AAAA",
        "relay.rules.match.upstreams[0].tokens: route by token only with a token section in the rule: token { position = suffix, length = 4 }")]
    [InlineData(Rule + """token { position = middle, length = 4 }, upstreams = ["10.0.0.11:7777"] }""", "middle",
        "relay.rules.match.token.position: unknown value 'middle'; allowed: prefix, suffix")]
    [InlineData(Rule + """token { length = 17 }, upstreams = ["10.0.0.11:7777"] }""", "17",
        "relay.rules.match.token.length: expected an integer from 1 to 16, got '17'")]
    [InlineData(Rule + """token { lenght = 4 }, upstreams = ["10.0.0.11:7777"] }""", "lenght",
        "relay.rules.match.token.lenght: unknown key; did you mean 'length'?")]
    public void Bind_OneMistake_ReportsItWithPosition(string text, string marker, string message)
    {
        var errors = ConfigText.Errors(text).Select(error => error.ToString()).ToList();

        Assert.Contains($"{ConfigText.File}:1:{ConfigText.ColumnOf(text, marker)}: {message}", errors);
    }

    [Fact]
    public void Bind_TokenOnTcpRule_IsAnError()
    {
        const string text = """relay.rules.web { protocol = tcp, listen = "0.0.0.0:8443", token.length = 4, upstreams = ["10.0.0.11:8443"] }""";

        var error = ConfigText.SingleError(text);

        Assert.Equal($"{ConfigText.File}:1:{ConfigText.ColumnOf(text, "token.length")}: relay.rules.web.token: routes datagrams by a token in each one; a tcp rule cannot use it", error.ToString());
    }
}
