using RelayCluster.Node.Hosting;

namespace RelayCluster.Node.Tests;

/// <summary>The folders of relay-node form layers: no folder uses, directly or through others, a folder that uses it.</summary>
public sealed class FolderDependencyTests
{
    // The layering docs/ARCHITECTURE.md states, lowest first; a folder uses only folders of lower layers.
    private static readonly string[][] Layers =
    [
        ["Internal", "Tls", "Actors", "Dashboard"],
        ["Sessions"],
        ["Admission"],
        ["Health"],
        ["Rules"],
        ["Affinity"],
        ["Listeners", "Metrics"],
        ["Cluster"],
        ["Admin"],
        ["Hosting"],
    ];

    [Fact]
    public void Folders_OfRelayNode_HaveNoCycle()
    {
        var edges = FolderReferences.Read(typeof(RelayNode).Assembly.Location, "RelayCluster.Node");
        Assert.Contains(edges, edge => edge.From == "Hosting" && edge.To == "Rules");

        var cycles = FolderCycles.Find(edges);

        Assert.True(cycles.Count == 0, "Folders of src/RelayCluster.Node use each other in a cycle:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void Folders_OfRelayNode_UseOnlyLowerLayers()
    {
        var edges = FolderReferences.Read(typeof(RelayNode).Assembly.Location, "RelayCluster.Node");
        var layer = Layers.SelectMany((folders, index) => folders.Select(folder => (folder, index))).ToDictionary(pair => pair.folder, pair => pair.index);

        var unlisted = edges.SelectMany(edge => new[] { edge.From, edge.To }).Distinct().Where(folder => !layer.ContainsKey(folder)).Order(StringComparer.Ordinal).ToList();
        var upward = edges.Where(edge => layer.ContainsKey(edge.From) && layer.ContainsKey(edge.To) && layer[edge.From] <= layer[edge.To])
            .Select(edge => $"  {edge.From} -> {edge.To}: {edge.File} ({edge.FromType} uses {edge.ToType})").ToList();

        Assert.True(unlisted.Count == 0, "Folders without a layer (add them here and to docs/ARCHITECTURE.md): " + string.Join(", ", unlisted));
        Assert.True(upward.Count == 0, "Folders use a folder of their own or a higher layer:\n" + string.Join("\n", upward));
    }
}
