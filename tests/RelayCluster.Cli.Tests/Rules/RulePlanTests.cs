using RelayCluster.Cli.Rules;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Tests.Rules;

public class RulePlanTests
{
    private static readonly RuleListDto s_current = new([Samples.GameEu, Samples.Web, Samples.Rule("other", 3, """{"protocol":"udp","listen":"0.0.0.0:1","upstreams":["10.0.0.1:1"]}""")]);

    [Fact]
    public void Build_ChangedSameAndNewRules_PrintsTildeEqualsPlusInFileOrder()
    {
        RuleSource[] wanted =
        [
            new("game-eu", """{"protocol":"udp","listen":"0.0.0.0:27015","upstreams":["10.0.0.11:27015",{"address":"10.0.0.12:27015","weight":3}],"session":{"max":60000}}"""),
            new("web", """{"protocol":"tcp","listen":"0.0.0.0:8080","upstreams":["10.0.0.21:80"]}"""),
            new("game-na", """{"protocol":"udp","listen":"0.0.0.0:27016","upstreams":["10.0.1.11:27015"]}"""),
        ];

        var plan = RulePlan.Build(wanted, s_current);

        Assert.Equal(
            [
                "~ rule game-eu",
                "  session.max: 50000 -> 60000",
                "= rule web (unchanged)",
                "+ rule game-na (new)",
            ],
            plan.SelectMany(RulePlan.Lines));
        Assert.Equal([12L, 7L, null], plan.Select(entry => entry.Revision));
        Assert.Equal([true, false, true], plan.Select(entry => entry.Writes));
        Assert.Equal("1 created, 1 updated, 1 unchanged", RulesApplyCommand.Summary(plan, dryRun: false));
        Assert.Equal("dry run: 1 created, 1 updated, 1 unchanged if applied; nothing was changed", RulesApplyCommand.Summary(plan, dryRun: true));
    }
}
