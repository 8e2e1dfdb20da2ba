using RelayCluster.Cli.Rules;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Tests.Rules;

public class RulesListCommandTests
{
    [Fact]
    public void Write_Rules_TableByName()
    {
        using var output = new StringWriter();

        RulesListCommand.Write(output, new RuleListDto([Samples.Web, Samples.GameEu]));

        Assert.Equal(
            [
                "NAME     PROTOCOL  LISTEN         UPSTREAMS                         REVISION",
                "game-eu  udp       0.0.0.0:27015  10.0.0.11:27015, 10.0.0.12:27015  12",
                "web      tcp       0.0.0.0:8080   10.0.0.21:80                      7",
            ],
            output.ToString().TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public void Write_NoRules_SaysSo()
    {
        using var output = new StringWriter();

        RulesListCommand.Write(output, new RuleListDto([]));

        Assert.Equal("No rules.", output.ToString().TrimEnd());
    }

    [Fact]
    public void Write_Show_RevisionCommentThenIndentedJsonUnderTheRulePath()
    {
        using var output = new StringWriter();

        RulesShowCommand.Write(output, Samples.Web);

        Assert.Equal(
            """
            # rule web, revision 7
            relay.rules.web {
              "protocol": "tcp",
              "listen": "0.0.0.0:8080",
              "upstreams": [
                "10.0.0.21:80"
              ]
            }
            """.ReplaceLineEndings("\n"),
            output.ToString().TrimEnd().ReplaceLineEndings("\n"));
    }
}
