using RelayCluster.Cli.Cluster;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Tests.Cluster;

public class ClusterShowCommandTests
{
    [Fact]
    public void Format_Member_IsPbmLine()
    {
        Assert.Equal("node-a | http://127.0.0.1:9110 | [game,eu] | up | reachable | 1.0.0", MemberLine.Format(Samples.MemberA));
        Assert.Equal("node-b | http://127.0.0.1:9111 | [] | up | reachable | 1.0.0", MemberLine.Format(Samples.MemberB));
    }

    [Fact]
    public void Format_Event_StartsWithUtcTimeAndKind()
    {
        var joined = new MemberEventDto("joined", Samples.MemberB, Samples.Started.AddSeconds(1));

        Assert.Equal("2026-11-22T05:00:01Z joined node-b | http://127.0.0.1:9111 | [] | up | reachable | 1.0.0", MemberLine.Format(joined));
    }

    [Fact]
    public void Write_TwoMembers_OneLineEachByIdThenCount()
    {
        using var output = new StringWriter();

        ClusterShowCommand.Write(output, Samples.Cluster);

        Assert.Equal(
            [
                "node-a | http://127.0.0.1:9110 | [game,eu] | up | reachable | 1.0.0",
                "node-b | http://127.0.0.1:9111 | [] | up | reachable | 1.0.0",
                "Count: 2 nodes",
            ],
            output.ToString().TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public void Write_OneUnreachableMember_KeepsPbmCountWording()
    {
        var member = Samples.MemberB with { Status = "down", Reachability = "unreachable" };
        using var output = new StringWriter();

        ClusterShowCommand.Write(output, Samples.Cluster with { Members = [member] });

        Assert.Equal(
            ["node-b | http://127.0.0.1:9111 | [] | down | unreachable | 1.0.0", "Count: 1 nodes"],
            output.ToString().TrimEnd().Split(Environment.NewLine));
    }
}
