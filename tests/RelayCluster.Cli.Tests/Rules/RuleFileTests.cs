using System.Text.Json;
using RelayCluster.Cli.Rules;

namespace RelayCluster.Cli.Tests.Rules;

public sealed class RuleFileTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Load_ValidFile_GivesEachRuleAsResolvedJsonInFileOrder()
    {
        var file = _files.Write("rules.hocon", """
            ports { game = 27015 }
            relay {
              node { id = ignored-here }
              rules {
                game-eu {
                  protocol = udp
                  listen = "0.0.0.0:"${ports.game}
                  upstreams = [ "10.0.0.11:27015", { address = "10.0.0.12:27015", weight = 3 } ]
                  session { idle-timeout = 60s }
                }
                web { protocol = tcp, listen = "0.0.0.0:8080", upstreams = ["10.0.0.21:80"] }
              }
            }
            """);

        var (rules, errors) = RuleFile.Load(file);

        Assert.Empty(errors);
        Assert.Equal(["game-eu", "web"], rules.Select(rule => rule.Name));
        Assert.Equal(
            """{"protocol":"udp","listen":"0.0.0.0:27015","upstreams":["10.0.0.11:27015",{"address":"10.0.0.12:27015","weight":3}],"session":{"idle-timeout":"60s"}}""",
            rules[0].Json);
    }

    [Fact]
    public void Load_BadRules_GivesEveryErrorWithFileLineAndColumn()
    {
        var file = _files.Write("bad.hocon", """
            relay {
              rules {
                game {
                  protocol = udp
                  listen = "0.0.0.0:27O15"
                  balance = fastest-first
                  upstreams = ["10.0.0.11:27015"]
                }
              }
            }
            """);

        var (rules, errors) = RuleFile.Load(file);

        Assert.Empty(rules);
        Assert.Equal(2, errors.Count);
        Assert.StartsWith($"{file}:5:16: relay.rules.game.listen: ", errors[0].ToString(), StringComparison.Ordinal);
        Assert.StartsWith($"{file}:6:17: relay.rules.game.balance: unknown balancing policy 'fastest-first'", errors[1].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RulesShowOutput_GivesTheSameRuleBack()
    {
        using var output = new StringWriter();
        RulesShowCommand.Write(output, Samples.GameEu);
        var file = _files.Write("shown.hocon", output.ToString());

        var (rules, errors) = RuleFile.Load(file);

        Assert.Empty(errors);
        var rule = Assert.Single(rules);
        Assert.Equal("game-eu", rule.Name);
        using var document = JsonDocument.Parse(rule.Json);
        Assert.Empty(RuleDiff.Compare(Samples.GameEu.Config, document.RootElement));
    }
}
