using RelayCluster.Core.Configuration;
using RelayCluster.Hocon;

namespace RelayCluster.Core.Tests.Configuration;

public sealed class OverlayTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("relay-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_OverlayChangesOneFieldOfARule_KeepsTheRest()
    {
        var main = Write("relay.hocon", """
            relay.rules.game {
              protocol = udp
              listen = "0.0.0.0:27015"
              upstreams = ["10.0.0.11:27015"]
              session { max = 100 }
            }
            """);
        var overlay = Write("prod.hocon", """relay.rules.game.session.max = 50000""");

        var result = RelayConfigLoader.Load([main, overlay]);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var rule = Assert.Single(result.Config!.Rules);
        Assert.Equal(50000, rule.Session.Max);
        Assert.Equal(27015, rule.Listen.Port);
    }

    [Fact]
    public void Load_ErrorInOverlay_NamesTheOverlayFile()
    {
        var main = Write("relay.hocon", ConfigText.GameRule);
        var overlay = Write("prod.hocon", "relay.rules.game.session.max = none");

        var error = Assert.Single(RelayConfigLoader.Load([main, overlay]).Errors);

        Assert.Equal(new HoconPosition(overlay, 1, 32), error.Position);
    }

    [Fact]
    public void Load_EnvironmentVariableSet_OverridesTheValue()
    {
        var file = Write("relay.hocon", """
            relay.node {
              id = node-from-file
              id = ${?RELAY_NODE_ID}
              admin { token = ${?RELAY_ADMIN_TOKEN} }
            }
            """);
        var environment = new Dictionary<string, string> { ["RELAY_NODE_ID"] = "node-from-env" };
        var options = new HoconParseOptions { GetEnvironmentVariable = name => environment.GetValueOrDefault(name) };

        var config = RelayConfigLoader.Load([file], options).Config!;

        Assert.Equal("node-from-env", config.Node.Id);
        Assert.Null(config.Node.Admin.Token);
    }

    [Fact]
    public void Load_EnvironmentVariableUnset_KeepsTheFileValue()
    {
        var file = Write("relay.hocon", "relay.node { id = node-from-file, id = ${?RELAY_NODE_ID} }");
        var options = new HoconParseOptions { GetEnvironmentVariable = _ => null };

        Assert.Equal("node-from-file", RelayConfigLoader.Load([file], options).Config!.Node.Id);
    }

    [Fact]
    public void Load_MissingFiles_ReportsEach()
    {
        var errors = RelayConfigLoader.Load([Path.Combine(_directory, "a.hocon"), Path.Combine(_directory, "b.hocon")]).Errors;

        Assert.Equal(["a.hocon: file not found", "b.hocon: file not found"], errors.Select(error => Path.GetFileName(error.ToString())));
    }

    [Fact]
    public void Load_SyntaxError_ReportsTheParserPosition()
    {
        var file = Write("relay.hocon", "relay {\n  node { id = }\n");

        var error = Assert.Single(RelayConfigLoader.Load([file]).Errors);

        Assert.Equal(file, error.Position.File);
        Assert.Equal(2, error.Position.Line);
    }

    [Fact]
    public void LoadRules_RulesFile_BindsOnlyTheRules()
    {
        var file = Write("rules.hocon", """
            relay.rules {
              a { protocol = udp, listen = "0.0.0.0:7000", upstreams = ["h:1"] }
              b { protocol = tcp, listen = "0.0.0.0:7000", upstreams = ["h:1"] }
            }
            """);

        var result = RelayConfigLoader.LoadRules([file]);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(["a", "b"], result.Rules.Select(rule => rule.Name));
    }

    [Fact]
    public void LoadRules_NoRules_IsAnError()
    {
        var result = RelayConfigLoader.LoadRules([Write("rules.hocon", "relay.log.level = debug")]);

        Assert.Contains("relay.rules: missing", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BindRule_RuleRenderedAsJson_BindsAgain()
    {
        var root = HoconParser.Parse(ConfigText.GameRule, ConfigText.File);
        var json = HoconJson.ToJson(((HoconObject)((HoconObject)root["relay"]!)["rules"]!)["game"]!);

        var result = RelayConfigLoader.BindRule("game", HoconParser.Parse(json, "cluster"));

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(27015, Assert.Single(result.Rules).Listen.Port);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
