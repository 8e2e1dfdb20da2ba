using System.Text.Json;
using RelayCluster.Cli.Rules;

namespace RelayCluster.Cli.Tests.Rules;

public class RuleDiffTests
{
    private const string Current = """
        {"protocol":"udp","listen":"0.0.0.0:27015","upstreams":["10.0.0.11:27015",{"address":"10.0.0.12:27015","weight":3}],"session":{"max":50000}}
        """;

    [Fact]
    public void Compare_SameTreeInOtherOrderAndNumberForm_NoChanges()
    {
        const string wanted = """
            {"session":{"max":5e4},"upstreams":["10.0.0.11:27015",{"weight":3.0,"address":"10.0.0.12:27015"}],"listen":"0.0.0.0:27015","protocol":"udp"}
            """;

        Assert.Empty(Diff(Current, wanted));
    }

    [Fact]
    public void Compare_ChangedAddedAndLongerArray_NamesEachLeafPath()
    {
        const string wanted = """
            {"protocol":"udp","listen":"0.0.0.0:27016","upstreams":["10.0.0.11:27015",{"address":"10.0.0.12:27015","weight":4},"10.0.0.13:27015"],
             "session":{"max":50000},"balance":"least-sessions"}
            """;

        Assert.Equal(
            [
                "  listen: \"0.0.0.0:27015\" -> \"0.0.0.0:27016\"",
                "  upstreams[1].weight: 3 -> 4",
                "  upstreams[2]: (none) -> \"10.0.0.13:27015\"",
                "  balance: (none) -> \"least-sessions\"",
            ],
            Diff(Current, wanted));
    }

    [Fact]
    public void Compare_RemovedObjectAndChangedShape_ShowsWholeValues()
    {
        const string wanted = """
            {"protocol":"udp","listen":"0.0.0.0:27015","upstreams":[{"address":"10.0.0.11:27015","weight":2},"10.0.0.12:27015"]}
            """;

        Assert.Equal(
            [
                "  upstreams[0]: \"10.0.0.11:27015\" -> {\"address\":\"10.0.0.11:27015\",\"weight\":2}",
                "  upstreams[1]: {\"address\":\"10.0.0.12:27015\",\"weight\":3} -> \"10.0.0.12:27015\"",
                "  session: {\"max\":50000} -> (none)",
            ],
            Diff(Current, wanted));
    }

    [Fact]
    public void Compare_StringAndNumberOfSameText_Differ()
    {
        Assert.Equal(["  session.max: 50000 -> \"50000\""], Diff("""{"session":{"max":50000}}""", """{"session":{"max":"50000"}}"""));
    }

    private static string[] Diff(string current, string wanted)
    {
        using var before = JsonDocument.Parse(current);
        using var after = JsonDocument.Parse(wanted);
        return RuleDiff.Compare(before.RootElement, after.RootElement).Select(change => change.ToString()).ToArray();
    }
}
