using RelayCluster.Cli.Stats;

namespace RelayCluster.Cli.Tests.Stats;

public class StatsCommandTests
{
    [Fact]
    public void Write_UdpAndTcpRules_OneBlockEachWithTheProtocolsRates()
    {
        using var output = new StringWriter();

        StatsCommand.Write(output, Samples.Stats);

        Assert.Equal(
            [
                "Node node-a at 2026-11-22T05:00:00Z",
                "",
                "game-eu (udp)",
                "  sessions      2 this node, 9 cluster",
                "  sessions/s    3.5",
                "  datagrams/s   1,200 to upstream, 1,180 to client",
                "  bytes/s       75.0 KiB to upstream, 1.2 MiB to client",
                "  drops         session-limit 3, truncated 1",
                "",
                "web (tcp)",
                "  sessions      1 this node, 4 cluster",
                "  connections/s 0.5",
                "  bytes/s       2.0 KiB to upstream, 10.0 KiB to client",
                "  drops         none",
            ],
            output.ToString().TrimEnd().Split(Environment.NewLine));
    }
}
