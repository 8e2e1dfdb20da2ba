using RelayCluster.Cli.Output;

namespace RelayCluster.Cli.Tests.Output;

public class TextTableTests
{
    [Fact]
    public void Write_Rows_AlignsColumnsTwoSpacesApartWithoutTrailingSpaces()
    {
        var table = new TextTable("NAME", "PROTOCOL", "LISTEN");
        table.AddRow("game-eu", "udp", "0.0.0.0:27015");
        table.AddRow("web", "tcp");
        using var output = new StringWriter();

        table.Write(output);

        Assert.Equal(
            """
            NAME     PROTOCOL  LISTEN
            game-eu  udp       0.0.0.0:27015
            web      tcp

            """.ReplaceLineEndings("\n"),
            output.ToString().ReplaceLineEndings("\n"));
    }
}
