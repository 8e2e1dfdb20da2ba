using RelayCluster.Cli.Upstreams;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Tests.Upstreams;

public class UpstreamsListCommandTests
{
    [Fact]
    public void Write_TwoNodesSeeingDifferentHealth_OneHealthColumnPerNode()
    {
        using var output = new StringWriter();

        UpstreamsListCommand.Write(output, Samples.Upstreams);

        Assert.Equal(
            [
                "RULE     ADDRESS          WEIGHT  ADMIN     HEALTH   SESSIONS  node-a   node-b",
                "game-eu  10.0.0.11:27015  1       enabled   healthy  3/10      healthy  unhealthy",
                "game-eu  10.0.0.12:27015  3       draining  unknown  0/2       unknown  -",
            ],
            output.ToString().TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public void Write_GameServersReportingPlayers_PlayersColumnAfterSessions()
    {
        using var output = new StringWriter();
        var upstreams = new UpstreamListDto(
        [
            new UpstreamDto("match", "10.0.0.11:7777", 1, "enabled", "healthy", 12, 12, [], Players: 20, MaxPlayers: 32),
            new UpstreamDto("match", "10.0.0.12:7777", 1, "enabled", "unhealthy", 0, 0, []),
        ]);

        UpstreamsListCommand.Write(output, upstreams);

        Assert.Equal(
            [
                "RULE   ADDRESS         WEIGHT  ADMIN    HEALTH     SESSIONS  PLAYERS",
                "match  10.0.0.11:7777  1       enabled  healthy    12/12     20/32",
                "match  10.0.0.12:7777  1       enabled  unhealthy  0/0       -",
            ],
            output.ToString().TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public void Write_NoUpstreams_SaysSo()
    {
        using var output = new StringWriter();

        UpstreamsListCommand.Write(output, new UpstreamListDto([]));

        Assert.Equal("No upstreams.", output.ToString().TrimEnd());
    }
}
