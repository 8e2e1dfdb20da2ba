using System.Text;
using RelayCluster.Core.Configuration;

namespace RelayCluster.Core.Tests.Configuration;

public class HealthConfigTests
{
    private const string Rule = """relay.rules.game { protocol = udp, listen = "0.0.0.0:27015", upstreams = ["10.0.0.11:27015"]""";
    private const string TcpRule = """relay.rules.web { protocol = tcp, listen = "0.0.0.0:8443", upstreams = ["10.0.0.11:8443"]""";

    [Fact]
    public void Bind_NothingWritten_PresetPassiveAndPatternAreOff()
    {
        var rule = ConfigText.Valid(ConfigText.GameRule).Rules[0];

        Assert.Equal(HealthPreset.None, rule.Health.Preset);
        Assert.Equal(TimeSpan.Zero, rule.Health.Passive.UdpReplyTimeout);
        Assert.False(rule.Health.Passive.WatchesUdpReplies);
        Assert.Null(rule.Health.UdpProbe.ExpectPattern);
        Assert.Equal(UpstreamDownAction.Keep, rule.Session.OnUpstreamDown);
    }

    [Theory]
    [InlineData("a2s-info", HealthPreset.A2sInfo)]
    [InlineData("minecraft-bedrock", HealthPreset.MinecraftBedrock)]
    [InlineData("none", HealthPreset.None)]
    public void Bind_Preset_IsRead(string name, HealthPreset expected)
    {
        var rule = ConfigText.Valid(Rule + $", health {{ check = udp-probe, preset = {name} }} }}").Rules[0];

        Assert.Equal(expected, rule.Health.Preset);
        Assert.True(rule.Health.UdpProbe.Send.IsEmpty);
    }

    [Fact]
    public void Bind_PassiveAndOnUpstreamDown_AreRead()
    {
        var rule = ConfigText.Valid(Rule + ", session.on-upstream-down = rebind, health { check = udp-probe, passive.udp-reply-timeout = 5s } }").Rules[0];

        Assert.Equal(TimeSpan.FromSeconds(5), rule.Health.Passive.UdpReplyTimeout);
        Assert.True(rule.Health.Passive.WatchesUdpReplies);
        Assert.Equal(UpstreamDownAction.Rebind, rule.Session.OnUpstreamDown);
    }

    [Fact]
    public void Bind_ExpectRegex_CompilesThePatternWithATimeout()
    {
        var rule = ConfigText.Valid(Rule + """"
            , health { check = udp-probe, udp-probe { send = "hex:FFFFFFFF676574737461747573", expect = """regex:^\xFF{4}statusResponse\n""" } } }
            """").Rules[0];

        var pattern = rule.Health.UdpProbe.ExpectPattern;
        Assert.NotNull(pattern);
        Assert.Equal(@"^\xFF{4}statusResponse\n", pattern.ToString());
        Assert.Equal(UdpProbeConfig.PatternMatchTimeout, pattern.MatchTimeout);
        Assert.True(rule.Health.UdpProbe.Expect.IsEmpty);
        Assert.Matches(pattern, Encoding.Latin1.GetString([0xFF, 0xFF, 0xFF, 0xFF, .. "statusResponse\n"u8]));
    }

    [Theory]
    [InlineData("expect = \"regex:^pong\"", "expect = \"regex:^pong\"", true)]
    [InlineData("expect = \"regex:^pong\"", "expect = \"regex:^ping\"", false)]
    [InlineData("expect = \"regex:^pong\"", "expect = \"pong\"", false)]
    public void Equals_ExpectPattern_ComparesThePatternText(string left, string right, bool equal)
    {
        var first = ConfigText.Valid(Rule + $", health.udp-probe {{ {left} }} }}");
        var second = ConfigText.Valid(Rule + $", health.udp-probe {{ {right} }} }}");

        Assert.Equal(equal, first.Equals(second));
    }

    [Theory]
    [InlineData(Rule + ", health { preset = a2s-info } }", "a2s-info", "relay.rules.game.health.preset: a2s-info is a udp probe; set check = udp-probe to use it")]
    [InlineData(Rule + ", health { check = tcp-connect, preset = minecraft-bedrock } }", "minecraft-bedrock", "relay.rules.game.health.preset: minecraft-bedrock is a udp probe; set check = udp-probe to use it")]
    [InlineData(Rule + ", health { check = udp-probe, preset = a2s-info, udp-probe.send = \"hex:FF\" } }", "\"hex", "relay.rules.game.health.udp-probe.send: preset a2s-info sets what the probe sends and expects; remove udp-probe.send, or the preset")]
    [InlineData(Rule + ", health { check = udp-probe, preset = a2s-info, udp-probe.expect = \"I\" } }", "\"I\"", "relay.rules.game.health.udp-probe.expect: preset a2s-info sets what the probe sends and expects; remove udp-probe.expect, or the preset")]
    [InlineData(Rule + ", health { check = udp-probe, preset = a2s_info } }", "a2s_info", "relay.rules.game.health.preset: unknown value 'a2s_info'; did you mean 'a2s-info'? allowed: none, a2s-info, minecraft-bedrock")]
    [InlineData(Rule + ", health.udp-probe.expect = \"regex:^(pong\" }", "\"regex", "relay.rules.game.health.udp-probe.expect: 'regex:^(pong' is not a valid regular expression: insufficient closing parentheses at offset 6 of the pattern")]
    [InlineData(Rule + ", health.udp-probe.expect = \"regex:[a-\" }", "\"regex", "relay.rules.game.health.udp-probe.expect: 'regex:[a-' is not a valid regular expression: unterminated bracket at offset 3 of the pattern")]
    [InlineData(Rule + ", health { check = udp-probe, passive { udp-reply-timeout = -1s } } }", "-1s", "relay.rules.game.health.passive.udp-reply-timeout: must be 0 or more, got '-1s'")]
    [InlineData(Rule + ", health { check = udp-probe, passive { reply-timeout = 1s } } }", "reply-timeout", "relay.rules.game.health.passive.reply-timeout: unknown key; did you mean 'udp-reply-timeout'?")]
    [InlineData(Rule + ", health { passive { udp-reply-timeout = 2s } } }", "2s", "relay.rules.game.health.passive.udp-reply-timeout: needs an active check to make the upstream healthy again; set check = udp-probe or tcp-connect")]
    [InlineData(TcpRule + ", health { check = tcp-connect, passive { udp-reply-timeout = 2s } } }", "2s", "relay.rules.web.health.passive.udp-reply-timeout: watches udp sessions; a tcp rule cannot use it")]
    [InlineData(TcpRule + ", session { on-upstream-down = rebind } }", "rebind", "relay.rules.web.session.on-upstream-down: rebind moves udp sessions; a tcp connection cannot move to another upstream, so a tcp rule can only keep")]
    [InlineData(Rule + ", session { on-upstream-down = close } }", "close", "relay.rules.game.session.on-upstream-down: unknown value 'close'; allowed: keep, rebind")]
    [InlineData(Rule + ", balance = most-free-slots, health { check = udp-probe } }", "most-free-slots", "relay.rules.game.balance: most-free-slots balances on the players that game servers report: set health { check = udp-probe, preset = a2s-info } (or preset = minecraft-bedrock)")]
    public void Bind_OneMistake_ReportsItWithPositionAndMessage(string text, string marker, string message)
    {
        var error = ConfigText.SingleError(text);

        Assert.Equal($"{ConfigText.File}:1:{ConfigText.ColumnOf(text, marker)}: {message}", error.ToString());
    }

    [Theory]
    [InlineData("a2s-info")]
    [InlineData("minecraft-bedrock")]
    public void Bind_MostFreeSlotsWithAGameQueryPreset_IsValid(string preset)
    {
        var rule = ConfigText.Valid(Rule + $", balance = most-free-slots, health {{ check = udp-probe, preset = {preset} }} }}").Rules[0];

        Assert.Equal("most-free-slots", rule.Balance);
    }

    [Fact]
    public void Bind_TcpRuleKeepsSessions_IsValid()
    {
        var rule = ConfigText.Valid(TcpRule + ", session.on-upstream-down = keep, health.passive.udp-reply-timeout = 0s }").Rules[0];

        Assert.Equal(UpstreamDownAction.Keep, rule.Session.OnUpstreamDown);
        Assert.False(rule.Health.Passive.WatchesUdpReplies);
    }

    [Fact]
    public void RelayHocon_CommentedExamples_AreValidRules()
    {
        var lines = File.ReadAllLines(Path.Combine(RelayHoconTests.RepositoryRoot(), "relay.hocon"));
        var examples = lines
            .Where(line => line.StartsWith("    # ", StringComparison.Ordinal))
            .Select(line => line["    # ".Length..])
            .SkipWhile(line => !line.StartsWith("game-eu {", StringComparison.Ordinal))
            .Where(line => line.StartsWith(' ') || line.EndsWith('{') || line == "}");

        var config = ConfigText.Valid("relay.rules {\n" + string.Join("\n", examples) + "\n}");

        var game = Assert.Single(config.Rules, rule => rule.Name == "game-eu");
        Assert.Equal(HealthPreset.A2sInfo, game.Health.Preset);
        Assert.Equal(TimeSpan.FromSeconds(5), game.Health.Passive.UdpReplyTimeout);
        Assert.Contains(config.Rules, rule => rule.Name == "web");
    }
}
