namespace RelayCluster.Node.Hosting;

/// <summary>Where a node keeps files next to its config.</summary>
public static class NodeStartupFiles
{
    /// <summary>
    /// The embedded backplane's state file, next to the first config file: <c>relay.hocon</c> keeps its runtime rule
    /// changes in <c>relay.state.json</c>.
    /// </summary>
    public static string StateFileFor(string configFile) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configFile)) ?? ".", Path.GetFileNameWithoutExtension(configFile) + ".state.json");
}
