using RelayCluster.Cli.Sessions;

namespace RelayCluster.Cli.Tests.Sessions;

public class SessionsCommandTests
{
    [Fact]
    public void Write_List_TableWithAgeAndTrafficThenShownOfTotal()
    {
        using var output = new StringWriter();

        SessionsListCommand.Write(output, Samples.Sessions, Samples.Started.AddSeconds(75));

        Assert.Equal(
            [
                "RULE     PROTOCOL  CLIENT              UPSTREAM         AGE     IDLE   TO UPSTREAM          TO CLIENT",
                "game-eu  udp       198.51.100.7:50000  10.0.0.11:27015  1m 15s  1.5s   120 dgrams, 7.5 KiB  118 dgrams, 1.5 MiB",
                "web      tcp       198.51.100.8:40000  10.0.0.21:80     4m 15s  250ms  2.0 KiB              10.0 KiB",
                "Showing 2 of 3 sessions",
            ],
            output.ToString().TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public void Write_Count_RowPerRuleByNameThenTotal()
    {
        using var output = new StringWriter();

        SessionsCountCommand.Write(output, Samples.Sessions);

        Assert.Equal(["RULE     SESSIONS", "game-eu  2", "web      1", "Total: 3 sessions"], output.ToString().TrimEnd().Split(Environment.NewLine));
    }

    [Theory]
    [InlineData(null, null, "/api/sessions")]
    [InlineData("game eu", null, "/api/sessions?rule=game%20eu")]
    [InlineData("web", 5, "/api/sessions?rule=web&limit=5")]
    [InlineData(null, 0, "/api/sessions?limit=0")]
    public void Route_RuleAndLimit_OnlyTheGivenOnes(string? rule, int? limit, string expected) =>
        Assert.Equal(expected, SessionsListCommand.Route(rule, limit));
}
