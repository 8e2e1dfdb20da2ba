using RelayCluster.Cli.Node;

namespace RelayCluster.Cli.Tests.Node;

public class NodeStatusCommandTests
{
    [Fact]
    public void Write_Node_OneAlignedFieldPerLine()
    {
        using var output = new StringWriter();

        NodeStatusCommand.Write(output, Samples.Node);

        Assert.Equal(
            [
                "Node:      node-a",
                "Admin URL: http://127.0.0.1:9110",
                "Roles:     [game,eu]",
                "Version:   1.0.0",
                "Status:    up",
                "Ready:     yes",
                "Started:   2026-11-22T05:00:00Z (up 1h 2m)",
                "Backplane: embedded (connected)",
                "Rules:     2",
                "Sessions:  1,234",
            ],
            output.ToString().TrimEnd().Split(Environment.NewLine));
    }
}
