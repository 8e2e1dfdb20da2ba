namespace RelayCluster.Node.Tests;

/// <summary>Finds the cycles in a graph of folders: one cycle per group of folders that all reach each other.</summary>
internal static class FolderCycles
{
    /// <summary>Each cycle as text: the folders in order, then every edge of it with one file where it is made.</summary>
    public static IReadOnlyList<string> Find(IReadOnlyList<FolderReferences.Edge> edges)
    {
        var next = edges.GroupBy(edge => edge.From).ToDictionary(group => group.Key, group => group.ToList());
        var cycles = new List<string>();
        var explained = new HashSet<string>();
        foreach (var start in edges.Select(edge => edge.From).Distinct().Order(StringComparer.Ordinal))
        {
            if (explained.Contains(start) || ShortestPath(next, start, start) is not { } path)
            {
                continue;
            }

            explained.UnionWith(path.Select(edge => edge.From));
            var folders = string.Join(" -> ", path.Select(edge => edge.From).Append(start));
            var lines = path.Select(edge => $"  {edge.From} -> {edge.To}: {edge.File} ({edge.FromType} uses {edge.ToType})");
            cycles.Add(folders + "\n" + string.Join("\n", lines));
        }

        return cycles;
    }

    private static List<FolderReferences.Edge>? ShortestPath(Dictionary<string, List<FolderReferences.Edge>> next, string from, string to)
    {
        var cameBy = new Dictionary<string, FolderReferences.Edge>();
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var folder))
        {
            foreach (var edge in next.GetValueOrDefault(folder) ?? [])
            {
                if (edge.To == to)
                {
                    var path = new List<FolderReferences.Edge> { edge };
                    for (var at = edge.From; at != from; at = cameBy[at].From)
                    {
                        path.Insert(0, cameBy[at]);
                    }

                    return path;
                }

                if (edge.To != from && cameBy.TryAdd(edge.To, edge))
                {
                    queue.Enqueue(edge.To);
                }
            }
        }

        return null;
    }
}
