namespace RelayCluster.Core.Configuration;

/// <summary>Binds <c>relay.cluster</c>.</summary>
internal static class ClusterConfigBinder
{
    public static ClusterConfig Bind(ConfigSection cluster, string? firstConfigFile)
    {
        var name = cluster.String("name") ?? ClusterConfig.DefaultName;
        if (!NameSyntax.IsRuleName(name))
        {
            cluster.Error(cluster.PositionOf("name"), "name", $"expected 1 to {NameSyntax.MaxRuleNameLength} letters, digits, '-' or '_', got '{name}'");
        }

        var backplane = cluster.Enum("backplane", BackplaneKind.Embedded);
        return new ClusterConfig
        {
            Name = name,
            Backplane = backplane,
            Akka = AkkaConfigBinder.Bind(cluster.Section("akka"), firstConfigFile),
            StatsInterval = cluster.Duration("stats-interval", ClusterConfig.DefaultStatsInterval),
        };
    }
}
