using RelayCluster.Cli.Actors;

namespace RelayCluster.Cli.Tests.Actors;

public class ActorHierarchyCommandTests
{
    [Fact]
    public void Write_Paths_OnePerLine()
    {
        var output = new StringWriter();

        ActorHierarchyCommand.Write(output, ["/user/health-game", "/user/rule-game", "/user/rule-game/session-1"]);

        Assert.Equal("/user/health-game\n/user/rule-game\n/user/rule-game/session-1\n", output.ToString().ReplaceLineEndings("\n"));
    }
}
