using RelayCluster.Node.Hosting;

namespace RelayCluster.Node.Tests;

/// <summary>The folders of relay-node form layers: no folder uses, directly or through others, a folder that uses it.</summary>
public sealed class FolderDependencyTests
{
    [Fact]
    public void Folders_OfRelayNode_HaveNoCycle()
    {
        var edges = FolderReferences.Read(typeof(RelayNode).Assembly.Location, "RelayCluster.Node");
        Assert.Contains(edges, edge => edge.From == "Hosting" && edge.To == "Rules");

        var cycles = FolderCycles.Find(edges);

        Assert.True(cycles.Count == 0, "Folders of src/RelayCluster.Node use each other in a cycle:\n" + string.Join("\n", cycles));
    }
}
